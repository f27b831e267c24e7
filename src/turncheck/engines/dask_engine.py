"""``--engine dask``: batches on a Dask cluster (``--scheduler tcp://host:8786``) or a LocalCluster.

- The job (checker + import options) is scattered to every worker once
  (``client.scatter(job, broadcast=True)``); the checker compiles itself once
  per worker when the job is deserialised there, and every batch task gets
  that same object.
- The client reads the input files and ships their bytes with the batches, so
  workers need no access to the client's file system (only ``turncheck``
  installed, the same version: checked on connect).
- Batches are submitted with a bounded number in flight (3 per worker thread)
  and gathered head-first, so results come back in input order and the
  client's memory stays flat.

Without ``--scheduler`` a LocalCluster of worker processes (one thread each,
no dashboard) is started for the run and closed afterwards.
"""

from __future__ import annotations

import logging
import warnings
from typing import Iterable, Iterator

from ..errors import TurncheckError, UsageError
from . import BatchSizer, Item, Job, Result, ordered, run_batch

LOCAL_WORKERS = 2
CONNECT_TIMEOUT = "10s"


def _worker_version() -> str:
    import turncheck

    return turncheck.__version__


class DaskEngine:
    name = "dask"
    #: workers may run elsewhere: the client reads the files and ships bytes
    needs_data = True

    def __init__(self, scheduler: str | None = None, workers: int | None = None) -> None:
        self.scheduler = scheduler
        self.n_local = workers or LOCAL_WORKERS
        self.client = None
        self.cluster = None
        self.workers = 0
        self.job: Job | None = None
        self.job_future = None

    def __enter__(self) -> "DaskEngine":
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise UsageError("the dask engine needs dask.distributed",
                             hint="pip install 'turncheck[dask]'") from None
        for name in ("distributed", "distributed.worker", "distributed.nanny", "distributed.scheduler",
                     "distributed.core", "distributed.utils_perf"):
            logging.getLogger(name).setLevel(logging.ERROR)
        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout=CONNECT_TIMEOUT)
            else:
                with warnings.catch_warnings():
                    # the scheduler's HTTP server says so when another cluster holds port 8787; harmless
                    warnings.filterwarnings("ignore", message="Port .* is already in use")
                    self.cluster = LocalCluster(n_workers=self.n_local, threads_per_worker=1, processes=True,
                                                dashboard_address=None, silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            self.__exit__(None)
            raise UsageError(f"cannot connect to the Dask scheduler {self.scheduler}: {exc}",
                             hint="start one with 'dask scheduler' and workers with 'dask worker ADDRESS'") from None
        self._check_workers()
        return self

    def _check_workers(self) -> None:
        import turncheck

        versions = self.client.run(_worker_version)
        if not versions:
            self.__exit__(None)
            raise UsageError(f"the Dask cluster at {self.scheduler} has no workers")
        wrong = {w: v for w, v in versions.items() if v != turncheck.__version__}
        if wrong:
            self.__exit__(None)
            w, v = next(iter(wrong.items()))
            raise UsageError(f"Dask worker {w} runs turncheck {v}, this client {turncheck.__version__}",
                             hint="install the same turncheck version on every worker")
        self.workers = sum(self.client.nthreads().values()) or 1

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    def run(self, job: Job, items: Iterable[Item], total: int | None = None) -> Iterator[Result]:
        assert self.client is not None, "use the engine as a context manager"
        client = self.client
        self.job = job
        self.job_future = client.scatter(job, broadcast=True, hash=False)

        def submit(batch):
            return _Guarded(self, job, batch, client.submit(run_batch, self.job_future, batch, True, pure=False))

        try:
            yield from ordered(items, submit, max_inflight=self.workers * 3,
                               sizer=BatchSizer(self.workers, total))
        finally:
            self.job_future.release()

    def live_job(self, failed=None):
        """The scattered job; scattered again when ``failed`` (the future a task failed with) is still the
        current one and is no longer held by any worker (every worker holding it died)."""
        if failed is self.job_future and self.job_future.status != "finished":
            old = self.job_future
            # every worker may have died at once: their nannies are starting new ones, and a scatter to no
            # worker fails at once ("No valid workers found"), so wait (bounded) for one to come up first
            self.client.wait_for_workers(1, timeout=WORKER_WAIT)
            self.job_future = self.client.scatter(self.job, broadcast=True, hash=False)
            old.release()
        return self.job_future

    def retry_one(self, job: Job, path: str, data: bytes | None, first: BaseException):
        """One input of a batch that failed (a worker lost, the scattered job with it): run alone, at most
        :data:`RETRIES` more times, the job scattered again when it was lost; then an error record naming it."""
        exc: BaseException = first
        job_future = self.job_future
        for _ in range(RETRIES):
            future = None
            try:
                # scattering the job again can fail too (no worker up yet): that attempt fails, the input is not
                # lost and the run goes on
                job_future = self.live_job(job_future)
                future = self.client.submit(run_batch, job_future, [(path, data)], True, pure=False)
                (res,), secs = future.result()
                return res, secs
            except TurncheckError:
                raise
            except Exception as again:  # noqa: BLE001 - KilledWorker, lost dependencies, CancelledError, timeouts
                exc = again
            finally:
                if future is not None:
                    future.release()
        return _failed(job, path, exc), 0.0


#: a failed input is tried again this many times (each time on whatever workers the cluster has)
RETRIES = 3
#: seconds a retry waits for a worker when every worker of the cluster is gone (a nanny restarts one in a few)
WORKER_WAIT = 60


def _failed(job: Job, path: str, exc: BaseException):
    """The error record of ``path`` (its own name, whichever batch it was in)."""
    return job.failed(path, RuntimeError(f"the Dask task failed: {type(exc).__name__}: {exc}"))


class _Guarded:
    """A Dask future whose failure (a worker lost, or killed by one input) costs at most that input: each input
    of the batch is run again on its own (see :meth:`DaskEngine.retry_one`), and reported once, by its name."""

    __slots__ = ("engine", "job", "batch", "future")

    def __init__(self, engine: DaskEngine, job: Job, batch, future) -> None:
        self.engine, self.job, self.batch, self.future = engine, job, batch, future

    def result(self):
        try:
            return self.future.result()
        except TurncheckError:
            raise
        except Exception as exc:  # noqa: BLE001 - KilledWorker, CancelledError, a lost worker...
            out, seconds = [], 0.0
            for path, data in self.batch:
                res, secs = self.engine.retry_one(self.job, path, data, exc)
                out.append(res)
                seconds += secs
            return out, seconds
        finally:
            self.future.release()
