"""A lost Dask worker loses nothing (issue 13, item 1): with the workers of a LocalCluster killed mid-run,
every input is still reported exactly once, and by its own name."""

from __future__ import annotations

import os
from collections import Counter

import pytest

from .conftest import CHAT

pytestmark = pytest.mark.fault
distributed = pytest.importorskip("distributed")


def _inputs(tmp_path, n: int) -> list[str]:
    folder = tmp_path / "in"
    folder.mkdir()
    paths = []
    for i in range(n):
        p = folder / f"c{i:04d}.txt"
        p.write_text(CHAT.replace("Thursday", f"Thursday {i}"), encoding="utf-8")
        paths.append(str(p))
    return paths


def _kill_workers(client) -> None:
    """kill -9 of every worker process at once (their nannies start new ones, without the scattered rule set)."""
    import signal

    for pid in client.run(os.getpid).values():
        os.kill(pid, signal.SIGKILL)


def test_killing_every_worker_mid_run_reports_every_input_exactly_once(tmp_path, default_checker):
    from turncheck.engines.dask_engine import DaskEngine
    from turncheck.runner import Run
    from turncheck.transcripts import ImportOptions

    paths = _inputs(tmp_path, 240)
    seen = []
    with DaskEngine(workers=2) as engine:
        run = Run(default_checker, ImportOptions(), engine=engine)
        for i, card in enumerate(run(paths)):
            seen.append(card)
            if i in (10, 120):
                _kill_workers(engine.client)
    assert Counter(c.source for c in seen) == Counter(paths)  # each exactly once
    assert [c.source for c in seen] == paths  # in input order
    errors = [c for c in seen if c.status == "error"]
    # retried on the restarted workers (with the rule set scattered again): no input is lost to the kill
    assert errors == [], [(c.source, c.error.message) for c in errors[:3]]


class _Lost:
    """A Dask future whose worker died: its result raises, and it is held by no worker."""

    status = "lost"

    def result(self):
        raise RuntimeError("worker gone")

    def release(self):
        pass


def _retried(default_checker, client, paths):
    """The scorecards of ``paths`` when their batch was lost and each is retried on ``client`` (a fake Dask
    client), the scattered rule set itself lost."""
    from turncheck.engines import Job, dask_engine

    engine = dask_engine.DaskEngine.__new__(dask_engine.DaskEngine)
    engine.client = client
    job = Job(default_checker)
    engine.job_future = _Lost()
    engine.job = job
    results, _ = dask_engine._Guarded(engine, job, [(p, b"x") for p in paths], _Lost()).result()
    return [done[0].scorecard() for done, _cacheable in results]


def test_failed_retry_names_its_own_input(tmp_path, default_checker):
    """When the retry of a batch fails too, each input's error record names that input, not the batch's first."""

    class LosesEverything:
        def submit(self, *args, **kw):
            return _Lost()

        def scatter(self, job, **kw):
            return _Lost()

        def wait_for_workers(self, n, timeout=None):
            pass

    paths = _inputs(tmp_path, 3)
    cards = _retried(default_checker, LosesEverything(), paths)
    assert [c.source for c in cards] == paths
    assert all("the Dask task failed: RuntimeError: worker gone" in c.error.message for c in cards)


def test_no_worker_to_scatter_to_loses_no_input(tmp_path, default_checker):
    """Every worker gone at once and none back yet: scattering the rule set again fails ("No valid workers
    found"). That costs the retry, not the run: each input still gets its own error record, nothing raises."""
    from turncheck.engines import dask_engine

    calls = {"waits": 0}

    class NoWorkers:
        def submit(self, *args, **kw):
            raise AssertionError("nothing can be submitted before the job is scattered")

        def wait_for_workers(self, n, timeout=None):
            calls["waits"] += 1

        def scatter(self, job, **kw):
            raise TimeoutError("No valid workers found")

    paths = _inputs(tmp_path, 2)
    cards = _retried(default_checker, NoWorkers(), paths)
    assert [c.source for c in cards] == paths
    assert all("TimeoutError: No valid workers found" in c.error.message for c in cards)
    assert calls["waits"] == 2 * dask_engine.RETRIES  # each attempt waited for a worker before scattering


def test_time_budget_holds_on_dask_worker_threads(tmp_path, default_checker):
    """Dask runs tasks in threads, where no timer signal reaches: the deadline is checked between rules."""
    from turncheck.engines.dask_engine import DaskEngine
    from turncheck.runner import Run
    from turncheck.transcripts import ImportOptions

    long = tmp_path / "long.txt"
    long.write_text(CHAT * 300, encoding="utf-8")
    short = tmp_path / "short.txt"
    short.write_text(CHAT, encoding="utf-8")
    with DaskEngine(workers=1) as engine:
        stopped = list(Run(default_checker, ImportOptions(), engine=engine, max_seconds=0.001)([str(long)]))
        fine = list(Run(default_checker, ImportOptions(), engine=engine, max_seconds=60)([str(long), str(short)]))
    assert [c.status for c in stopped] == ["error"]
    assert "0.001-second budget per transcript" in stopped[0].error.message
    assert [c.status for c in fine] != ["error", "error"] and all(c.error is None for c in fine)


def test_deadline_between_rules_in_a_thread(default_checker):
    import threading

    from helpers import chat

    from turncheck.budget import TimeBudgetExceeded, time_budget

    transcript = chat(CHAT * 300)
    got = []

    def work():
        try:
            with time_budget(0.001):
                default_checker.check(transcript)
            got.append("finished")
        except TimeBudgetExceeded:
            got.append("stopped")

    t = threading.Thread(target=work)
    t.start()
    t.join(60)
    assert got == ["stopped"]
