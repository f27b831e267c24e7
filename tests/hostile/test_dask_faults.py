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


def test_failed_retry_names_its_own_input(tmp_path, default_checker, monkeypatch):
    """When the retry of a batch fails too, each input's error record names that input, not the batch's first."""
    from turncheck.engines import dask_engine

    paths = _inputs(tmp_path, 3)
    engine = dask_engine.DaskEngine.__new__(dask_engine.DaskEngine)

    class Boom:
        status = "lost"

        def result(self):
            raise RuntimeError("worker gone")

        def release(self):
            pass

    class FakeClient:
        def submit(self, *args, **kw):
            return Boom()

        def scatter(self, job, **kw):
            return Boom()

    engine.client = FakeClient()
    from turncheck.engines import Job

    job = Job(default_checker)
    engine.job_future = Boom()
    engine.job = job
    guarded = dask_engine._Guarded(engine, job, [(p, b"x") for p in paths], Boom())
    results, _ = guarded.result()
    cards = [done[0].scorecard() for done, _cacheable in results]
    assert [c.source for c in cards] == paths
    assert all("the Dask task failed: RuntimeError: worker gone" in c.error.message for c in cards)
