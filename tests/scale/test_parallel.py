"""Every input gets exactly one record, in sorted order, with identical bytes whatever the engine."""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

import pytest

from turncheck.engine import Checker
from turncheck.engines import BatchSizer, Item, Job, make_engine, ordered
from turncheck.engines.local import InProcessEngine, ProcessEngine
from turncheck.rules.loader import load_ruleset
from turncheck.runner import Run

from .conftest import jsonl_cards


def _run(cli, corpus, out: Path, *extra: str):
    res = cli(str(corpus.root), str(corpus.missing), "--format", "jsonl", "-o", str(out), "--no-progress", *extra)
    return res, out.read_bytes()


def test_one_record_per_input_and_exit_3(cli, corpus, tmp_path, isolated):
    res, data = _run(cli, corpus, tmp_path / "out.jsonl", "-j", "1")
    assert res.exit_code == 3, res.stderr
    cards = jsonl_cards(data.decode())
    by_source: dict[str, list[dict]] = {}
    for c in cards:
        by_source.setdefault(c["source"], []).append(c)
    expected = {str(p) for p in corpus.files} | {str(corpus.missing)}
    assert set(by_source) == expected
    for source, group in by_source.items():
        if source == str(corpus.jsonl):
            assert [c["location"] for c in group] == [1, 2, 3]
            assert [c["status"] for c in group][1] == "error"
            assert group[1]["error"]["line"] == 2
        else:
            assert len(group) == 1, source
    # sorted input order (the missing file sorts in among the others)
    order = [c["source"] for c in cards]
    assert order == sorted(order)
    assert by_source[str(corpus.missing)][0]["error"] == {"kind": "read", "message": "no such file", "line": None}
    for name in ("empty.txt", "random.bin", "truncated.json"):
        card = by_source[str(corpus.root / "broken" / name)][0]
        assert card["status"] == "error" and card["score"] is None, card
    # bad inputs are also listed on stderr, then the summary
    assert "error: " + str(corpus.missing) in res.stderr
    assert "transcripts:" in res.stderr


def test_identical_bytes_jobs_1_2_and_dask(cli, shared_corpus, tmp_path, isolated):
    outs = {}
    for name, extra in {"j1": ("-j", "1"), "j2": ("-j", "2"), "dask": ("--engine", "dask")}.items():
        for fmt in ("jsonl", "json") if name != "dask" else ("jsonl",):  # one LocalCluster start is enough
            res = cli(str(shared_corpus.root), str(shared_corpus.missing), "--format", fmt, "-o",
                      str(tmp_path / f"{name}.{fmt}"), "-q", *extra)
            assert res.exit_code == 3, (name, res.stderr)
            outs[name, fmt] = (tmp_path / f"{name}.{fmt}").read_bytes()
    assert outs["j1", "json"] == outs["j2", "json"]
    assert outs["j1", "jsonl"] == outs["j2", "jsonl"] == outs["dask", "jsonl"]
    doc = json.loads(outs["j1", "json"])
    assert doc["summary"]["errors"] >= 5


def test_stdin_input(cli, isolated):
    text = "Customer: Hi, what time do you open?\nAgent: Thanks for asking, we open at nine.\n"
    res = cli("-", "--format", "jsonl", "-j", "1", "-q", input=text)
    cards = jsonl_cards(res.stdout)
    assert len(cards) == 1 and cards[0]["source"] == "<stdin>"
    assert res.exit_code in (0, 1)


def test_from_file(cli, corpus, tmp_path, isolated):
    listing = tmp_path / "inputs.txt"
    chats = sorted((corpus.root / "chats").glob("*.txt"))
    listing.write_text("# nightly list\n\n" + "\n".join(str(p) for p in reversed(chats[:3]))
                       + f"\n   {corpus.missing}  \n# the end\n", encoding="utf-8")
    res = cli("--from-file", str(listing), "--format", "jsonl", "-j", "1", "-q")
    assert res.exit_code == 3
    sources = [c["source"] for c in jsonl_cards(res.stdout)]
    assert sources == sorted([str(p) for p in chats[:3]] + [str(corpus.missing)])


def test_no_inputs_is_a_usage_error(cli, isolated):
    res = cli("--format", "jsonl")
    assert res.exit_code == 2
    assert "no inputs" in res.stderr


def test_glob_and_empty_folder_are_records(cli, corpus, tmp_path, isolated):
    empty = tmp_path / "empty-dir"
    empty.mkdir()
    res = cli(str(corpus.root / "chats" / "*.txt"), str(tmp_path / "zzz*.vtt"), str(empty), "--format", "jsonl",
              "-j", "1", "-q")
    cards = jsonl_cards(res.stdout)
    messages = {c["source"]: c["error"]["message"] for c in cards if c["error"]}
    assert messages[str(tmp_path / "zzz*.vtt")] == "no files match this pattern"
    assert messages[str(empty)] == "no transcript files in this folder"
    assert len(cards) == len(list((corpus.root / "chats").glob("*.txt"))) + 2
    assert res.exit_code == 3


# --- the scheduling core, with a stand-in job -------------------------------------------------------


class SlowEcho(Job):
    """Returns its input's name after a random pause: results finish out of order."""

    def __init__(self):
        super().__init__(Checker(load_ruleset()))

    def process(self, path, data, encode):
        time.sleep(random.random() * 0.01)
        if path.endswith("crash"):
            os._exit(3)
        return [path.encode()], True


def test_ordered_keeps_input_order_with_bounded_inflight():
    out, inflight, peak = [], [0], [0]

    class Fut:
        def __init__(self, batch):
            inflight[0] += 1
            peak[0] = max(peak[0], inflight[0])
            self.batch = batch

        def result(self):
            inflight[0] -= 1
            return [([p.encode()], True) for p, _ in self.batch], 0.001 * len(self.batch)

    items = (Item(i, f"f{i:05d}", ready=[b"cached"] if i % 7 == 0 else None) for i in range(5000))
    for r in ordered(items, Fut, max_inflight=3, sizer=BatchSizer(2, 5000)):
        out.append((r.item.seq, r.cards[0]))
    assert [s for s, _ in out] == list(range(5000))
    assert all(c == (b"cached" if s % 7 == 0 else f"f{s:05d}".encode()) for s, c in out)
    assert peak[0] <= 3


def test_batch_sizer_adapts():
    s = BatchSizer(2, None)
    for _ in range(10):
        s.update(s.size, s.size * 0.0005)  # 0.5 ms per item -> large batches
    assert s.size == 200
    s.update(10, 10 * 0.1)  # slow items -> smaller batches
    assert s.size < 200
    assert BatchSizer(2, 12).maximum == 2  # a tiny run is still spread over both workers


def test_process_pool_order_and_worker_crash():
    paths = [f"in-{i:03d}" for i in range(120)]
    paths[57] = "in-057-crash"
    job = SlowEcho()
    with ProcessEngine(2) as eng:
        results = list(eng.run(job, (Item(i, p) for i, p in enumerate(paths)), total=len(paths)))
    assert [r.item.path for r in results] == paths
    for r in results:
        if r.item.path.endswith("crash"):
            card = r.cards[0].scorecard()
            assert card.status == "error" and "worker process died" in card.error.message
            assert r.cacheable is False
        else:
            assert r.cards == [r.item.path.encode()]


def test_make_engine_errors():
    from turncheck.errors import UsageError

    with pytest.raises(UsageError):
        make_engine("local", jobs=0)
    with pytest.raises(UsageError):
        make_engine("spark")
    with pytest.raises(UsageError):
        make_engine("local", jobs=2, scheduler="tcp://x:1")
    assert isinstance(make_engine("local", jobs=1), InProcessEngine)


def test_library_run_in_process(shared_corpus):
    checker = Checker(load_ruleset())
    run = Run(checker)
    paths = [str(p) for p in shared_corpus.files]
    cards = list(run(paths))
    assert run.stats.done == len(paths) and len(cards) == len(paths) + 2  # the JSONL file holds 3


def test_default_jobs_follow_the_number_of_inputs(monkeypatch):
    from turncheck.cli import check as check_cmd
    from turncheck.engines import local

    monkeypatch.setattr(local, "default_jobs", lambda: 8)
    assert check_cmd.default_local_jobs(3) == 1  # a pool would cost more than it saves
    assert check_cmd.default_local_jobs(120) == 2
    assert check_cmd.default_local_jobs(100_000) == 8


def test_from_file_on_stdin(cli, corpus, isolated):
    chats = sorted(str(p) for p in (corpus.root / "chats").glob("*.txt"))[:2]
    res = cli("--from-file", "-", "--format", "jsonl", "-j", "1", "-q", input="\n".join(chats) + "\n")
    assert [c["source"] for c in jsonl_cards(res.stdout)] == chats
    res = cli("-", "--from-file", "-", "-j", "1", input="x")
    assert res.exit_code == 2 and "standard input" in res.stderr
