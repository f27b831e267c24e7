"""What the review workspace does to its database: import, queue, verdicts, disputes, export, waivers.

Every action that writes is one transaction (:func:`_write`): an import of a whole
results file, one verdict, one dispute, one resolution. A process killed in the
middle of one leaves the database as it was before it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import orjson
from sqlalchemy import Engine, and_, bindparam, func, select

from ..errors import UsageError
from ..model import Transcript
from ..report.aggregate import Problem, load_results
from ..report.common import agent_of, day_of
from ..scorecard import Scorecard, verdict_of
from .schema import disputes, findings, imports, transcripts, verdicts

LABELS = ("pass", "fail", "na")
ACTIONS = ("confirm", "override")
RESOLUTIONS = ("upheld", "overturned")
MAX_NAME = 80
MAX_NOTE = 4000
#: the queue's sort order of the pack's verdict: failed first
VERDICT_ORDER = {"fail": 0, "needs-attention": 1, "ok": 2, "error": 3}


class ReviewError(ValueError):
    """An action the workspace refuses (unknown finding, empty name, bad label): a 4xx, never a 500."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def week_of(day: str) -> str:
    """``2024-W18`` for a ``YYYY-MM-DD`` day; ``unknown`` otherwise."""
    try:
        y, w, _ = dt.date.fromisoformat(day).isocalendar()
    except ValueError:
        return "unknown"
    return f"{y:04d}-W{w:02d}"


def pack_label(status: str) -> str:
    """The label the pack gave: a waived finding is a fail the team accepted."""
    return "fail" if status == "waived" else status


def _write(engine: Engine):
    return engine.execution_options(tc_write=True).begin()


def _clean(text: Any) -> str:
    # PostgreSQL text cannot hold NUL; nothing a reviewer types needs it
    return str(text or "").replace("\x00", "")


def _name(value: Any, what: str = "reviewer") -> str:
    name = " ".join(_clean(value).split())
    if not name:
        raise ReviewError(f"a {what} name is needed")
    if len(name) > MAX_NAME:
        raise ReviewError(f"the {what} name is longer than {MAX_NAME} characters")
    return name


def _note(value: Any, required: bool = False) -> str:
    note = _clean(value).strip()
    if required and not note:
        raise ReviewError("a note is needed: say why")
    if len(note) > MAX_NOTE:
        raise ReviewError(f"the note is longer than {MAX_NOTE} characters")
    return note


# --- import ---------------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    count: int
    problems: list[Problem] = field(default_factory=list)
    conversations: int = 0


def card_key(card: Scorecard) -> str:
    return json.dumps([card.source, card.location], ensure_ascii=False)


def _find_source(source: str, bases: list[Path]) -> Path | None:
    if not source or source.startswith("<") or source == "-":
        return None
    p = Path(source)
    for cand in ([p] if p.is_absolute() else [b / p for b in bases]):
        try:
            if cand.is_file():
                return cand.resolve()
        except OSError:
            continue
    return None


def conversations_for(cards: list[Scorecard], bases: list[Path]) -> dict[str, tuple[str | None, str | None]]:
    """``card_key -> (absolute path, canonical transcript JSON)`` for every card whose source file is found
    under one of ``bases`` (an operator's import; never for an upload) and parses."""
    from ..transcripts import iter_transcripts

    out: dict[str, tuple[str | None, str | None]] = {}
    parsed: dict[Path, dict[int | None, Transcript]] = {}
    for card in cards:
        path = _find_source(card.source, bases)
        if path is None:
            continue
        if path not in parsed:
            by_loc: dict[int | None, Transcript] = {}
            try:
                for item in iter_transcripts(path):
                    if isinstance(item, Transcript):
                        by_loc.setdefault(item.metadata.get("location"), item)
            except Exception:  # noqa: BLE001 - a transcript that cannot be read only loses its conversation
                by_loc = {}
            parsed[path] = by_loc
        by_loc = parsed[path]
        if card.location is not None:
            t = by_loc.get(card.location)
        else:
            t = by_loc.get(None) or next(iter(by_loc.values()), None)
        out[card_key(card)] = (str(path), t.model_dump_json() if t is not None else None)
    return out


def import_cards(engine: Engine, cards: list[Scorecard], name: str,
                 found: dict[str, tuple[str | None, str | None]] | None = None) -> int:
    """Store ``cards`` in one transaction (a card already there, same source and record, is replaced;
    its reviews stay). Returns the number stored."""
    found = found or {}
    with _write(engine) as conn:
        import_id = conn.execute(imports.insert().values(name=_clean(name)[:500], created=now(),
                                                         cards=len(cards))).inserted_primary_key[0]
        for card in cards:
            path, conv = found.get(card_key(card), (None, None))
            _upsert_card(conn, card, conv, path, import_id)
    return len(cards)


_SELECT_KEY = select(transcripts.c.id).where(transcripts.c.key == bindparam("key"))
_SELECT_FINDINGS = select(findings.c.rule, findings.c.id).where(findings.c.transcript == bindparam("tid"))
_UPDATE_FINDING = findings.update().where(findings.c.id == bindparam("fid"))


def _upsert_card(conn, card: Scorecard, conversation: str | None, path: str | None, import_id: int) -> int:
    key = card_key(card)
    day = day_of(card)
    values = dict(source=_clean(card.source), location=card.location, transcript_id=_clean(card.transcript),
                  agent=_clean(agent_of(card) or "unknown"), day=day, week=week_of(day), status=card.status,
                  verdict=verdict_of(card), score=card.score,
                  card=orjson.dumps(card.to_json_dict()).decode(), import_id=import_id, updated=now())
    # statements take their values as parameters (not .values(...)): SQLAlchemy compiles each one once
    row = conn.execute(_SELECT_KEY, {"key": key}).first()
    if row is None:
        tid = conn.execute(transcripts.insert(), dict(values, key=key, conversation=conversation,
                                                      path=path)).inserted_primary_key[0]
        if card.rules:  # a new card: all its findings in one executemany
            conn.execute(findings.insert(), [dict(transcript=tid, rule=_clean(r.id), position=pos, status=r.status,
                                                  severity=r.severity, message=_clean(r.message))
                                             for pos, r in enumerate(card.rules)])
        return tid
    else:
        tid = row.id
        if conversation is not None:  # an upload (no conversation) keeps the one an earlier import read
            values.update(conversation=conversation, path=path)
        conn.execute(transcripts.update().where(transcripts.c.id == bindparam("tid")), dict(values, tid=tid))
    existing = {r.rule: r.id for r in conn.execute(_SELECT_FINDINGS, {"tid": tid})}
    updates, inserts = [], []
    for pos, r in enumerate(card.rules):
        vals = dict(position=pos, status=r.status, severity=r.severity, message=_clean(r.message))
        if r.id in existing:
            updates.append(dict(vals, fid=existing[r.id]))
        else:
            inserts.append(dict(vals, transcript=tid, rule=_clean(r.id)))
    if updates:
        conn.execute(_UPDATE_FINDING, updates)
    if inserts:
        conn.execute(findings.insert(), inserts)
    gone = [fid for rule, fid in existing.items() if rule not in {r.id for r in card.rules}]
    if gone:  # a rule the new scorecard no longer has: dropped unless someone reviewed or disputed it
        kept = {v for (v,) in conn.execute(select(verdicts.c.finding).where(verdicts.c.finding.in_(gone)))}
        kept |= {v for (v,) in conn.execute(select(disputes.c.finding).where(disputes.c.finding.in_(gone)))}
        drop = [f for f in gone if f not in kept]
        if drop:
            conn.execute(findings.delete().where(findings.c.id.in_(drop)))
    return tid


def import_file(path: str | os.PathLike[str], engine: Engine, *, name: str | None = None,
                read_transcripts: bool = True) -> ImportReport:
    """Import a ``check --format jsonl`` (or ``json``) results file. Bad lines are reported, the rest imported;
    a file with no scorecard at all is a UsageError naming it."""
    path = os.fspath(path)
    loaded = load_results([path])
    if not loaded.cards and loaded.problems:
        first = loaded.problems[0]
        raise UsageError(first.message, file=first.file, line=first.line)
    found = {}
    if read_transcripts:
        bases = [Path(path).resolve().parent, Path.cwd()]
        found = conversations_for(loaded.cards, bases)
    count = import_cards(engine, loaded.cards, name or os.path.basename(path), found)
    return ImportReport(count, loaded.problems, sum(1 for _, conv in found.values() if conv))


def import_bytes(data: bytes, engine: Engine, name: str) -> ImportReport:
    """An uploaded results file: the same parsing, and no file is ever read for it."""
    import tempfile

    # load_results reads files; the upload goes through a private temporary file of our own naming
    with tempfile.TemporaryDirectory(prefix="turncheck-upload-") as tmp:
        tmp_path = os.path.join(tmp, "upload.jsonl")
        with open(tmp_path, "wb") as fh:
            fh.write(data)
        loaded = load_results([tmp_path])
    problems = [Problem(name, p.line, p.message) for p in loaded.problems]
    if not loaded.cards and problems:
        raise ReviewError(problems[0].format())
    return ImportReport(import_cards(engine, loaded.cards, name), problems)


# --- the queue ------------------------------------------------------------------------------------------


@dataclass
class QueueRow:
    id: int
    source: str
    transcript_id: str
    agent: str
    week: str
    day: str
    status: str
    verdict: str
    score: float | None
    fails: int
    findings: int
    reviewed: int
    open_disputes: int

    @property
    def done(self) -> bool:
        return self.findings > 0 and self.reviewed >= self.findings


def _queue_rows(engine: Engine) -> list[QueueRow]:
    t = transcripts
    nfind = (select(findings.c.transcript, func.count().label("n"),
                    func.sum((findings.c.status == "fail").cast(type_=findings.c.position.type)).label("fails"))
             .group_by(findings.c.transcript).subquery())
    reviewed = (select(findings.c.transcript, func.count(func.distinct(verdicts.c.finding)).label("n"))
                .select_from(findings.join(verdicts, verdicts.c.finding == findings.c.id))
                .group_by(findings.c.transcript).subquery())
    open_d = (select(findings.c.transcript, func.count().label("n"))
              .select_from(findings.join(disputes, disputes.c.finding == findings.c.id))
              .where(disputes.c.resolution.is_(None)).group_by(findings.c.transcript).subquery())
    q = (select(t.c.id, t.c.source, t.c.transcript_id, t.c.agent, t.c.week, t.c.day, t.c.status, t.c.verdict,
                t.c.score, func.coalesce(nfind.c.fails, 0), func.coalesce(nfind.c.n, 0),
                func.coalesce(reviewed.c.n, 0), func.coalesce(open_d.c.n, 0))
         .select_from(t.outerjoin(nfind, nfind.c.transcript == t.c.id)
                      .outerjoin(reviewed, reviewed.c.transcript == t.c.id)
                      .outerjoin(open_d, open_d.c.transcript == t.c.id)))
    with engine.connect() as conn:
        return [QueueRow(*(r[:9]), int(r[9]), int(r[10]), int(r[11]), int(r[12])) for r in conn.execute(q)]


def _worst_first(r: QueueRow):
    return (VERDICT_ORDER.get(r.verdict, 9), r.score if r.score is not None else 101.0, r.source, r.id)


def queue(engine: Engine, *, mode: str = "failed", per_group: int = 3, seed: int = 0,
          pending: bool = False) -> list[QueueRow]:
    """The transcripts to review.

    ``failed``: every transcript, failed first (then needs-attention, ok, errors), lowest score first.
    ``sample``: ``per_group`` transcripts drawn at random from each agent's week (error cards left out),
    seeded by ``seed``, the agent and the week: the same database and seed give the same sample, and a new
    import for one agent's week does not reshuffle the others. ``pending`` leaves out fully reviewed ones.
    """
    rows = _queue_rows(engine)
    if mode == "sample":
        groups: dict[tuple[str, str], list[QueueRow]] = defaultdict(list)
        for r in rows:
            if r.status != "error":
                groups[(r.agent, r.week)].append(r)
        picked = []
        for (agent, week), members in sorted(groups.items()):
            members.sort(key=lambda r: (r.source, r.id))
            rng = random.Random(f"{seed}|{agent}|{week}")
            chosen = rng.sample(members, min(per_group, len(members)))
            picked.extend(sorted(chosen, key=_worst_first))
        rows = picked
    elif mode == "failed":
        rows.sort(key=_worst_first)
    else:
        raise ReviewError(f"unknown queue {mode!r} (failed or sample)")
    if pending:
        rows = [r for r in rows if not r.done or r.open_disputes]
    return rows


# --- one transcript -------------------------------------------------------------------------------------


@dataclass
class VerdictView:
    id: int
    reviewer: str
    action: str
    label: str
    note: str
    created: str


@dataclass
class DisputeView:
    id: int
    agent: str
    note: str
    created: str
    resolution: str | None
    resolver: str | None
    resolution_note: str | None
    resolved: str | None


@dataclass
class FindingView:
    id: int
    rule: str
    status: str
    severity: str
    message: str
    history: list[VerdictView]
    disputes: list[DisputeView]

    @property
    def latest(self) -> dict[str, VerdictView]:
        """Each reviewer's latest verdict."""
        out: dict[str, VerdictView] = {}
        for v in self.history:
            out[v.reviewer] = v
        return out


@dataclass
class Detail:
    id: int
    card: Scorecard
    conversation: Transcript | None
    findings: list[FindingView]
    agent: str
    week: str


def detail(engine: Engine, tid: int) -> Detail | None:
    with engine.connect() as conn:
        row = conn.execute(select(transcripts).where(transcripts.c.id == tid)).first()
        if row is None:
            return None
        frows = conn.execute(select(findings).where(findings.c.transcript == tid)
                             .order_by(findings.c.position, findings.c.id)).all()
        ids = [f.id for f in frows]
        vrows = conn.execute(select(verdicts).where(verdicts.c.finding.in_(ids)).order_by(verdicts.c.id)).all() if ids else []
        drows = conn.execute(select(disputes).where(disputes.c.finding.in_(ids)).order_by(disputes.c.id)).all() if ids else []
    card = Scorecard.model_validate_json(row.card)
    conv = Transcript.model_validate_json(row.conversation) if row.conversation else None
    hist: dict[int, list[VerdictView]] = defaultdict(list)
    for v in vrows:
        hist[v.finding].append(VerdictView(v.id, v.reviewer, v.action, v.label, v.note, v.created))
    disp: dict[int, list[DisputeView]] = defaultdict(list)
    for d in drows:
        disp[d.finding].append(DisputeView(d.id, d.agent, d.note, d.created, d.resolution, d.resolver,
                                           d.resolution_note, d.resolved))
    views = [FindingView(f.id, f.rule, f.status, f.severity, f.message, hist[f.id], disp[f.id]) for f in frows]
    return Detail(row.id, card, conv, views, row.agent, row.week)


def _finding(conn, finding_id: int):
    row = conn.execute(select(findings.c.id, findings.c.status, findings.c.transcript)
                       .where(findings.c.id == finding_id)).first()
    if row is None:
        raise ReviewError(f"no finding {finding_id}", status=404)
    return row


# --- actions --------------------------------------------------------------------------------------------


def record_verdict(engine: Engine, finding_id: int, reviewer: str, action: str, label: str | None = None,
                   note: str = "") -> VerdictView:
    """``confirm`` (the pack is right: the label is its status) or ``override`` with ``label`` pass/fail/na."""
    reviewer, note = _name(reviewer), _note(note)
    if action not in ACTIONS:
        raise ReviewError(f"unknown action {action!r} (confirm or override)")
    if action == "override" and label not in LABELS:
        raise ReviewError("an override needs a status: pass, fail or na")
    with _write(engine) as conn:
        f = _finding(conn, finding_id)
        final = pack_label(f.status) if action == "confirm" else label
        created = now()
        vid = conn.execute(verdicts.insert().values(finding=f.id, reviewer=reviewer, action=action, label=final,
                                                    note=note, created=created)).inserted_primary_key[0]
    return VerdictView(vid, reviewer, action, final, note, created)


def open_dispute(engine: Engine, finding_id: int, agent: str, note: str) -> int:
    agent, note = _name(agent, "agent"), _note(note, required=True)
    with _write(engine) as conn:
        f = _finding(conn, finding_id)
        return conn.execute(disputes.insert().values(finding=f.id, agent=agent, note=note,
                                                     created=now())).inserted_primary_key[0]


def resolve_dispute(engine: Engine, dispute_id: int, reviewer: str, resolution: str, note: str = "",
                    label: str | None = None) -> None:
    """``upheld``: the finding stands (recorded as the reviewer's confirm); ``overturned``: the agent is right
    (recorded as the reviewer's override, to ``label`` or, by default, the opposite of a pass/fail)."""
    reviewer, note = _name(reviewer), _note(note)
    if resolution not in RESOLUTIONS:
        raise ReviewError(f"unknown resolution {resolution!r} (upheld or overturned)")
    if label not in (None, "") and label not in LABELS:
        raise ReviewError("the status must be pass, fail or na")
    with _write(engine) as conn:
        d = conn.execute(select(disputes.c.id, disputes.c.finding, disputes.c.resolution)
                         .where(disputes.c.id == dispute_id)).first()
        if d is None:
            raise ReviewError(f"no dispute {dispute_id}", status=404)
        f = _finding(conn, d.finding)
        pack = pack_label(f.status)
        if resolution == "upheld":
            final = pack
        else:
            final = label or ("pass" if pack == "fail" else "fail")
        stamp = now()
        done = conn.execute(disputes.update().where(and_(disputes.c.id == d.id, disputes.c.resolution.is_(None)))
                            .values(resolution=resolution, resolver=reviewer, resolution_note=note, resolved=stamp))
        if done.rowcount != 1:
            raise ReviewError("this dispute is already resolved", status=409)
        conn.execute(verdicts.insert().values(finding=f.id, reviewer=reviewer,
                                              action="confirm" if resolution == "upheld" else "override",
                                              label=final, note=note or f"dispute {resolution}", created=stamp))


# --- reading the verdicts back --------------------------------------------------------------------------


@dataclass
class Verdict:
    transcript: int
    source: str
    location: int | None
    transcript_id: str
    path: str | None
    finding: int
    rule: str
    pack: str  # the pack's label (waived counts as fail)
    reviewer: str
    label: str
    note: str
    created: str


def latest_verdicts(engine: Engine, reviewer: str | None = None) -> list[Verdict]:
    """Each reviewer's latest verdict on each finding, in a stable order."""
    v2 = verdicts.alias("v2")
    newest = (select(func.max(v2.c.id)).where(and_(v2.c.finding == verdicts.c.finding,
                                                   v2.c.reviewer == verdicts.c.reviewer))
              .scalar_subquery())
    q = (select(transcripts.c.id, transcripts.c.source, transcripts.c.location, transcripts.c.transcript_id,
                transcripts.c.path, findings.c.id, findings.c.rule, findings.c.status, verdicts.c.reviewer,
                verdicts.c.label, verdicts.c.note, verdicts.c.created)
         .select_from(verdicts.join(findings, findings.c.id == verdicts.c.finding)
                      .join(transcripts, transcripts.c.id == findings.c.transcript))
         .where(verdicts.c.id == newest))
    if reviewer:
        q = q.where(verdicts.c.reviewer == reviewer)
    with engine.connect() as conn:
        rows = conn.execute(q).all()
    out = [Verdict(r[0], r[1], r[2], r[3], r[4], r[5], r[6], pack_label(r[7]), r[8], r[9], r[10], r[11])
           for r in rows]
    out.sort(key=lambda v: (v.source, v.location if v.location is not None else -1, v.reviewer, v.rule))
    return out


def label_lines(verdicts_: Iterable[Verdict], out_dir: Path | None = None) -> list[dict[str, Any]]:
    """The labels JSONL of ``turncheck evaluate``: one line per transcript and reviewer.

    ``file`` is the transcript file relative to ``out_dir`` (the labels file's folder) when the import found
    the file, else the scorecard's source as it was. ``reviewer``, ``transcript`` and ``notes`` are extra
    fields ``evaluate`` ignores.
    """
    grouped: dict[tuple[int, str], list[Verdict]] = defaultdict(list)
    for v in verdicts_:
        grouped[(v.transcript, v.reviewer)].append(v)
    lines = []
    for (_, reviewer), vs in grouped.items():
        first = vs[0]
        file = first.source
        if first.path and out_dir is not None:
            file = os.path.relpath(first.path, out_dir).replace(os.sep, "/")
        line: dict[str, Any] = {"file": file, "labels": {v.rule: v.label for v in vs}, "reviewer": reviewer,
                                "transcript": first.transcript_id}
        if first.location is not None:
            line["record"] = first.location
        notes = "; ".join(f"{v.rule}: {v.note}" for v in vs if v.note)
        if notes:
            line["notes"] = notes
        lines.append(line)
    return lines


def export_labels(engine: Engine, out_dir: Path | None = None, reviewer: str | None = None) -> str:
    lines = label_lines(latest_verdicts(engine, reviewer), out_dir)
    return "".join(orjson.dumps(line).decode() + "\n" for line in lines)


# --- waivers from dismissed findings --------------------------------------------------------------------


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


def dismissed(engine: Engine, finding_id: int | None = None) -> list[Verdict]:
    """Findings the pack failed and a reviewer's latest verdict passed: candidates for a waiver."""
    out = [v for v in latest_verdicts(engine) if v.pack == "fail" and v.label == "pass"]
    if finding_id is not None:
        out = [v for v in out if v.finding == finding_id]
    return out


def waiver_entries(items: Iterable[Verdict], expires: dt.date) -> list[dict[str, Any]]:
    """One waiver (``--waivers`` file format) per dismissed finding: the transcript's source (glob characters
    escaped), the rule, the reviewer's note as the reason, and ``expires``."""
    from ..waivers import WaiverSpec

    seen, out = set(), []
    for v in items:
        key = (v.source, v.rule)
        if key in seen:
            continue
        seen.add(key)
        reason = v.note or "dismissed on review"
        entry = {"transcript": _glob_escape(v.source), "rule": _glob_escape(v.rule),
                 "reason": f"{reason} (review by {v.reviewer}, {v.created[:10]})", "expires": expires}
        WaiverSpec.model_validate(entry)
        out.append(entry)
    return out


def waiver_yaml(entries: list[dict[str, Any]]) -> str:
    import yaml

    if not entries:
        return ""
    return yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, default_flow_style=False)
