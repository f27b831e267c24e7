"""The local engines: in this process (``--jobs 1``) or a pool of worker processes.

The pool uses the ``forkserver`` start method where there is one (a clean,
single-threaded parent to fork from, so a progress-bar thread or a Dask client
in the parent cannot leave a worker with a held lock), ``spawn`` elsewhere.
Each worker unpickles the :class:`~turncheck.engines.Job` once in its
initializer (which compiles the rule set once) and then checks batches,
returning per scorecard what the parent needs of it (its text in the output
format, or compact JSON bytes; see :meth:`~turncheck.engines.Job.complete`) to
keep the pipes and the parent cheap.

If a worker dies (a crash in a C extension, the OOM killer), the batches that
were out are re-run one input per task in a fresh pool, so only the input
that kills a worker gets an error record; three deaths in a row stop the run.
"""

from __future__ import annotations

import os
import signal
from typing import TYPE_CHECKING, Iterable, Iterator

from ..errors import TurncheckError
from . import BatchSizer, Item, Job, Result, ordered, run_batch

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

# multiprocessing and concurrent.futures are imported when a pool starts: an in-process run (one file,
# --jobs 1) never needs them


def _broken() -> type[BaseException]:
    from concurrent.futures.process import BrokenProcessPool

    return BrokenProcessPool

#: give up after this many worker deaths in a row (something is wrong with every input)
MAX_CONSECUTIVE_DEATHS = 3


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


class _Lazy:
    """A batch run in this process when its result is asked for (so nothing is computed ahead)."""

    __slots__ = ("job", "batch")

    def __init__(self, job: Job, batch) -> None:
        self.job, self.batch = job, batch

    def result(self):
        return run_batch(self.job, self.batch, encode=False)


class InProcessEngine:
    """``--jobs 1``: no pool, no pickling, no serialisation."""

    name = "local"
    needs_data = False
    workers = 1

    def __enter__(self) -> "InProcessEngine":
        return self

    def __exit__(self, *exc) -> None:
        pass

    def run(self, job: Job, items: Iterable[Item], total: int | None = None) -> Iterator[Result]:
        sizer = BatchSizer(1, total, initial=16, maximum=16)
        return ordered(items, lambda batch: _Lazy(job, batch), max_inflight=1, sizer=sizer)


# --- worker side --------------------------------------------------------------------------------

_JOB: Job | None = None


def _init_worker(job: Job, parent: int | None = None) -> None:
    global _JOB
    # the parent handles Ctrl-C and shuts the pool down; workers should not print tracebacks
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _JOB = job
    if parent is not None:
        import threading

        threading.Thread(target=_watch_parent, args=(parent,), name="turncheck-parent-watch", daemon=True).start()


#: how often a worker checks that the process that started the pool is still there
PARENT_CHECK_SECONDS = 0.5


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process by now (EPERM): not our parent
        return False
    try:  # a parent killed but not yet reaped is a zombie: gone as far as we are concerned
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except OSError:
        return True


def _watch_parent(pid: int) -> None:
    """A worker's parent is the fork server, which outlives a parent killed with SIGKILL: a worker whose run is
    gone exits by itself instead of lingering for minutes."""
    import time

    while _alive(pid):
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _worker_batch(batch):
    assert _JOB is not None, "worker not initialised"
    return run_batch(_JOB, batch, encode=True)


# --- parent side --------------------------------------------------------------------------------


def _context():
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        # import the heavy modules once in the fork server, not once per worker
        ctx.set_forkserver_preload(["turncheck.engines.local"])
        return ctx
    return multiprocessing.get_context("spawn")  # pragma: no cover - Windows


class ProcessEngine:
    """``--jobs N`` (N > 1): a process pool, batches out, results back in input order."""

    name = "local"
    needs_data = False

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None
        self.job: Job | None = None
        self.deaths = 0

    def __enter__(self) -> "ProcessEngine":
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if exc_type is not None and issubclass(exc_type, (KeyboardInterrupt, SystemExit)):
            self._kill()  # Ctrl-C: stop now, not when the batches in flight are done
        self._close(cancel=exc_type is not None)

    def _kill(self) -> None:
        """Stop the workers at once (their batches are abandoned)."""
        processes = getattr(self.pool, "_processes", None) or {}
        for process in list(processes.values()):
            try:
                process.kill()
            except (OSError, ValueError, AttributeError):
                pass

    def _close(self, cancel: bool = False) -> None:
        if self.pool is not None:
            # always wait: the batches still running are short (TARGET_BATCH_SECONDS), and a pool left
            # behind with wait=False trips over its own closed pipes at interpreter exit
            self.pool.shutdown(wait=True, cancel_futures=cancel)
            self.pool = None

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=_context(),
                                            initializer=_init_worker, initargs=(self.job, os.getpid()))
        return self.pool

    def _submit(self, batch) -> "_Guarded":
        pool = self._pool()
        return _Guarded(self, batch, pool, pool.submit(_worker_batch, batch))

    def run(self, job: Job, items: Iterable[Item], total: int | None = None) -> Iterator[Result]:
        if self.job is not job:
            self._close()
            self.job = job
        sizer = BatchSizer(self.workers, total)
        return ordered(items, self._submit, max_inflight=self.workers * 3, sizer=sizer)

    # --- crash recovery ---

    def _rerun_singly(self, batch):
        """A worker died while this batch was out: run its inputs one per task in a fresh pool."""
        out = []
        seconds = 0.0
        for path, data in batch:
            while True:
                try:
                    (res,), secs = self._pool().submit(_worker_batch, [(path, data)]).result()
                    self.deaths = 0
                    out.append(res)
                    seconds += secs
                    break
                except _broken():
                    self._close(cancel=True)
                    self.deaths += 1
                    if self.deaths >= MAX_CONSECUTIVE_DEATHS:
                        raise TurncheckError(f"worker processes died {self.deaths} times in a row "
                                             f"(last while checking {path}); try --jobs 1 to see why") from None
                    assert self.job is not None
                    out.append(self.job.failed(path, RuntimeError("the worker process died while checking this input")))
                    break
        return out, seconds


class _Guarded:
    """A pool future whose ``result()`` survives a dead worker (see :meth:`ProcessEngine._rerun_singly`)."""

    __slots__ = ("engine", "batch", "pool", "future")

    def __init__(self, engine: ProcessEngine, batch, pool: ProcessPoolExecutor, future: Future) -> None:
        self.engine, self.batch, self.pool, self.future = engine, batch, pool, future

    def result(self):
        try:
            res = self.future.result()
            self.engine.deaths = 0
            return res
        except _broken():
            if self.engine.pool is self.pool:  # not yet replaced by an earlier batch's recovery
                self.engine._close(cancel=True)
            return self.engine._rerun_singly(self.batch)
