"""Where the checking runs: in this process, in a process pool, or on Dask.

Every engine runs the same :class:`Job` over the same stream of
:class:`Item` s and yields results **in input order**, so the output bytes do
not depend on the engine or on ``--jobs``. The engines share one scheduling
core, :func:`ordered`:

- items are handed out in *batches* (adaptive: a batch aims at
  ``TARGET_BATCH_SECONDS`` of work, 1 to ``MAX_BATCH`` items) so that tens of
  thousands of small files are not dominated by per-task overhead;
- at most ``max_inflight`` batches are out at once, and results are consumed
  head-first, so the reorder buffer and the parent's memory stay bounded
  whatever the number of inputs;
- items whose cards are already known (a cache hit) ride along in a batch
  without being sent anywhere.

A :class:`Job` is what a worker needs: the checker and the import options, and
what to do with each card once checked (:meth:`Job.complete`: waivers,
redaction, and what the parent needs of the final card: its text in the output
format for the formats that render card by card, and its part of the run's
totals). So the parent of a pool only writes text and adds up small records;
it decodes a card only for the formats that need the card itself (``json``,
``html``...). The job is pickled once per worker process: the checker pickles
as its rule set and options and compiles itself once on arrival.
"""

from __future__ import annotations

import math
import time
import traceback
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Protocol

from .. import jsontext
from ..engine import Checker
from ..errors import TurncheckError, UsageError
from ..inputs import check_input
from ..scorecard import Scorecard
from ..transcripts import ImportOptions

if TYPE_CHECKING:
    from ..waivers import Waivers

#: a batch aims at about this much work, so the pipeline stays responsive and balanced
TARGET_BATCH_SECONDS = 0.25
MAX_BATCH = 200
#: cache hits carried by one batch at most (they cost nothing but memory)
MAX_READY_PER_BATCH = 512


@dataclass(slots=True)
class Item:
    """One input: a path, optionally its bytes (read by the parent), and its cards when already known."""

    seq: int
    path: str
    data: bytes | None = None
    #: cache key (set when a cache is used)
    key: str | None = None
    #: serialised scorecards known without checking (cache hit)
    ready: list[bytes] | None = None


@dataclass(slots=True)
class Result:
    item: Item
    #: the input's cards: :class:`Done` when checked in this run, else as :attr:`Item.ready` holds them
    cards: list[Any]
    #: True when the cards came from a check in this run (not from the cache)
    fresh: bool
    #: True when the result may be stored in a cache (no internal error)
    cacheable: bool = True


def encode_card(card: Scorecard) -> bytes:
    """The wire and cache form of a scorecard: compact JSON bytes (pydantic-core, fast; a card naming a file
    whose name is not valid UTF-8 takes :mod:`turncheck.jsontext`, which keeps the name)."""
    try:
        return card.__pydantic_serializer__.to_json(card)
    except ValueError:  # PydanticSerializationError: a lone surrogate (a non-UTF-8 file name)
        return jsontext.dumps(card.model_dump(mode="json")).encode()


def decode_card(data: bytes | Scorecard) -> Scorecard:
    if isinstance(data, Scorecard):
        return data
    # orjson + validating the dict is ~30% faster than pydantic's own JSON parsing here (measured),
    # and this runs in the parent for every card
    return Scorecard.model_validate(jsontext.loads(data))


@dataclass(slots=True)
class Done:
    """A checked card, finished where it was checked (:meth:`Job.complete`)."""

    status: str
    #: the final card in the output format (when the job renders cards), else None
    text: str | None
    #: the final card when the job does not render it: a Scorecard, or its JSON bytes from a worker
    card: Scorecard | bytes | None
    #: what the job's ``summarise`` made of the final card
    summary: Any = None
    #: the card as checked (before waivers and redaction), for the cache
    raw: bytes | None = None
    #: the waivers that matched (for :meth:`~turncheck.waivers.Waivers.count`)
    waived: tuple[int, ...] = ()
    #: the input it comes from (set by the run; with ``--redact`` the card's own source may be masked)
    path: str | None = None

    def scorecard(self) -> Scorecard:
        assert self.card is not None, "a rendered card comes back as its text only"
        return decode_card(self.card)


@dataclass
class Job:
    """What a worker does with each input: check it and :meth:`complete` its cards. Pickled once per worker."""

    checker: Checker
    options: ImportOptions = field(default_factory=ImportOptions)
    waivers: Waivers | None = None
    redact: bool = False
    #: the time budget to check one transcript (None: no budget); see :mod:`turncheck.budget`
    max_seconds: float | None = None
    #: a card's text in the output format (a renderer's ``card_text``); without it the card itself is sent
    render: Callable[[Scorecard], str] | None = None
    #: what the run's totals need of a card (e.g. ``CardSummary.of``)
    summarise: Callable[[Scorecard], Any] | None = None
    #: keep every card as checked too (for the run's cache)
    keep: bool = False

    def process(self, path: str, data: bytes | None, encode: bool) -> tuple[list[Done], bool]:
        """Cards for one input, and whether they may be cached. Never raises for bad input."""
        try:
            cards = check_input(path, data, self.checker, self.options, self.max_seconds, given_names=self.redact)
        except UsageError:  # the run is set up wrong (e.g. an unknown --input-format): stop it
            raise
        except Exception as exc:  # a bug in a lower layer must not stop a nightly run
            return self.failed(path, exc, encode)
        # a card stopped by the time budget depends on the machine's speed: not for the cache
        cacheable = not any(c.error is not None and "-second budget" in c.error.message for c in cards)
        return [self.complete(c, encode, keep=self.keep) for c in cards], cacheable

    def complete(self, card: Scorecard, encode: bool = False, keep: bool = False) -> Done:
        """Waivers and redaction, then what the parent needs of the final card. ``keep``: keep the card as
        checked too (JSON bytes, for the cache); ``encode``: an unrendered card as JSON bytes (from a worker)."""
        raw = encode_card(card) if keep else None
        waived: tuple[int, ...] = ()
        if self.waivers is not None:
            card, waived = self.waivers.match(card, self.checker)
        if self.redact:
            from ..redact import redact_card

            card = redact_card(card)
        summary = self.summarise(card) if self.summarise is not None else None
        if self.render is not None:
            return Done(card.status, self.render(card), None, summary, raw, waived)
        return Done(card.status, None, encode_card(card) if encode else card, summary, raw, waived)

    def failed(self, path: str, exc: BaseException, encode: bool = False) -> tuple[list[Done], bool]:
        """What :meth:`process` gives for an input whose check broke down: an internal error card, not cacheable."""
        return [self.complete(internal_error_card(self.checker, path, exc), encode)], False


def internal_error_card(checker: Checker, path: str, exc: BaseException) -> Scorecard:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    loc = f" at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}" if where else ""
    message = f"internal error: {type(exc).__name__}: {exc}{loc} (please report this)"
    return checker.error_card(path, TurncheckError(message))


def run_batch(job: Job, batch: list[tuple[str, bytes | None]], encode: bool = True):
    """Check a batch; returns ``([(cards, cacheable), ...], seconds)``. Runs inside a worker."""
    t0 = time.perf_counter()
    out = [job.process(path, data, encode) for path, data in batch]
    return out, time.perf_counter() - t0


class FutureLike(Protocol):
    def result(self) -> Any: ...


class BatchSizer:
    """Adaptive batch size: about ``target`` seconds of work per batch, at least ``ways`` batches overall."""

    def __init__(self, workers: int, total: int | None = None, *, target: float = TARGET_BATCH_SECONDS,
                 initial: int = 4, maximum: int = MAX_BATCH) -> None:
        self.target = target
        self.maximum = maximum
        if total is not None and workers > 1:
            # small runs: spread the items over the workers (4 batches each) rather than one big batch
            self.maximum = max(1, min(maximum, math.ceil(total / (workers * 4))))
        self.size = max(1, min(initial, self.maximum))
        self.per_item: float | None = None

    def update(self, items: int, seconds: float) -> None:
        if items <= 0:
            return
        sample = seconds / items
        self.per_item = sample if self.per_item is None else 0.7 * self.per_item + 0.3 * sample
        want = int(self.target / self.per_item) if self.per_item > 0 else self.maximum
        # grow gradually (doubling at most) so a slow first item does not make batches too small forever
        self.size = max(1, min(self.maximum, want, self.size * 2))


def ordered(items: Iterable[Item], submit: Callable[[list[tuple[str, bytes | None]]], FutureLike], *,
            max_inflight: int, sizer: BatchSizer) -> Iterator[Result]:
    """Run ``items`` through ``submit`` in batches; yield one :class:`Result` per item, in input order.

    ``submit(batch)`` starts the work and returns an object whose ``result()`` is
    ``([(cards, cacheable), ...], seconds)`` for the batch's items. At most
    ``max_inflight`` batches are outstanding, and the head batch is always the
    one waited on, so memory is bounded by the in-flight batches.
    """
    it = iter(items)
    pending: deque[tuple[list[Item], FutureLike | None, int]] = deque()
    outstanding = 0
    exhausted = False

    def fill() -> None:
        nonlocal outstanding, exhausted
        while not exhausted and outstanding < max_inflight:
            batch: list[Item] = []
            todo: list[tuple[str, bytes | None]] = []
            ready = 0
            while len(todo) < sizer.size and ready < MAX_READY_PER_BATCH:
                item = next(it, None)
                if item is None:
                    exhausted = True
                    break
                batch.append(item)
                if item.ready is not None:
                    ready += 1
                else:
                    todo.append((item.path, item.data))
            if not batch:
                return
            future = submit(todo) if todo else None
            if future is not None:
                outstanding += 1
            pending.append((batch, future, len(todo)))

    while True:
        fill()
        if not pending:
            return
        batch, future, n = pending.popleft()
        if future is not None:
            outstanding -= 1
            results, seconds = future.result()
            sizer.update(n, seconds)
        else:
            results = []
        fresh = iter(results)
        for item in batch:
            if item.ready is not None:
                yield Result(item, item.ready, fresh=False)
            else:
                cards, cacheable = next(fresh)
                yield Result(item, cards, fresh=True, cacheable=cacheable)


class Engine(Protocol):
    """Runs a job over items; yields results in input order. A context manager (pools, clusters)."""

    name: str
    #: whether workers need the items' bytes (True when they cannot read the parent's files)
    needs_data: bool

    def __enter__(self) -> "Engine": ...

    def __exit__(self, *exc) -> None: ...

    def run(self, job: Job, items: Iterable[Item], total: int | None = None) -> Iterator[Result]: ...


def make_engine(name: str, jobs: int | None = None, scheduler: str | None = None) -> Engine:
    """``local`` (``jobs`` processes; 1 = in this process) or ``dask`` (``scheduler`` address or a LocalCluster)."""
    from ..errors import UsageError

    if name == "local":
        if scheduler:
            raise UsageError("--scheduler needs --engine dask")
        from .local import InProcessEngine, ProcessEngine, default_jobs

        n = default_jobs() if jobs is None else jobs
        if n < 1:
            raise UsageError(f"--jobs must be at least 1 (got {n})")
        return InProcessEngine() if n == 1 else ProcessEngine(n)
    if name == "dask":
        from .dask_engine import DaskEngine

        if jobs is not None and jobs < 1:
            raise UsageError(f"--jobs must be at least 1 (got {jobs})")
        return DaskEngine(scheduler, workers=jobs)
    raise UsageError(f"unknown engine {name!r}", hint="engines: local, dask")


__all__ = ["Item", "Result", "Done", "Job", "BatchSizer", "ordered", "make_engine", "encode_card", "decode_card",
           "run_batch", "Engine"]
