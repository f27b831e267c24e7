"""``turncheck check PATH...``: check transcripts and write scorecards.

Thin: options are merged with the config file (:mod:`turncheck.config`), the
run itself is :class:`turncheck.runner.Run` on an engine from
:mod:`turncheck.engines`; this module only wires them to the renderer, the
progress bar and the stderr summary, and picks the exit code.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, List, Optional

import typer

from ..errors import OutputError, TurncheckError, UsageError
from ..limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_SECONDS, DEFAULT_MAX_TURNS
from ..report import CardSummary, Summary, atomic_output, get_renderer
from ..gcpause import pause_gc
from . import EXIT_FAILED, EXIT_INPUT, EXIT_OK, EXIT_USAGE, app, fail

if TYPE_CHECKING:
    from ..runner import RunStats
    from ..transcripts import ImportOptions
    from rich.console import Console

FAIL_ON = ("critical", "major", "minor")
#: error records listed on stderr after a run (the rest are counted)
MAX_LISTED_ERRORS = 20


class RunSummary(Summary):
    """The run's summary plus its error records (for the stderr summary)."""

    def __init__(self, waivers=None) -> None:
        super().__init__(waivers)
        self.error_records: list[str] = []

    def add_summary(self, card: CardSummary) -> None:
        super().add_summary(card)
        if card.error is not None and len(self.error_records) <= MAX_LISTED_ERRORS:
            self.error_records.append(card.error)


@app.command()
def check(
    paths: List[str] = typer.Argument(None, help="files, folders (recursive), globs, or - for stdin"),
    rules: List[str] = typer.Option([], "--rules", "-r",
                                    help="rule folder or file (repeatable); default pack if omitted"),
    fmt: Optional[str] = typer.Option(None, "--format", help="table|json|jsonl|csv|md|html|junit|sarif"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="write to FILE (atomically) instead of stdout"),
    input_format: Optional[str] = typer.Option(None, "--input-format", "-f", help="force an importer"),
    from_file: Optional[str] = typer.Option(None, "--from-file",
                                            help="read inputs from FILE, one per line (# comments and blank lines "
                                            "ignored; relative to the current folder; - for stdin)"),
    exclude: List[str] = typer.Option([], "--exclude", metavar="PATTERN", help="gitignore-style pattern a folder scan skips "
                                      "(repeatable; replaces the default list: hidden files, README, LICENSE, "
                                      "requirements*.txt, package.json, ...)"),
    extend_exclude: List[str] = typer.Option([], "--extend-exclude", metavar="PATTERN", help="gitignore-style pattern a folder scan "
                                             "skips, on top of the default list (repeatable)"),
    only: List[str] = typer.Option([], "--only", help="check only this rule id (repeatable)"),
    skip: List[str] = typer.Option([], "--skip", help="skip this rule id (repeatable)"),
    fail_under: Optional[float] = typer.Option(None, "--fail-under", min=0, max=100,
                                               help="a transcript scoring under this fails"),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="lowest severity whose failure fails a transcript: "
                                          "critical (default), major or minor"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="worker processes (default: all cores, "
                                     "fewer for a few files; 1: no pool)"),
    engine: Optional[str] = typer.Option(None, "--engine", help="local (default) or dask"),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://host:8786); "
                                            "a local cluster when left out"),
    cache: Optional[str] = typer.Option(None, "--cache", help="reuse results stored in DIR (and store new ones)"),
    no_cache: bool = typer.Option(False, "--no-cache", help="ignore the cache set in the config file"),
    waivers: Optional[str] = typer.Option(None, "--waivers",
                                          help="YAML file of waivers (transcript, rule, reason, expires)"),
    redact: Optional[bool] = typer.Option(None, "--redact/--no-redact", help="mask card numbers, e-mails, phones, "
                                          "IBANs, SSNs and the customer's name in quotes and messages"),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", min=0,
                                            help=f"refuse inputs larger than this, with an error record "
                                            f"(default {DEFAULT_MAX_BYTES:,}; 0: no limit)"),
    max_turns: Optional[int] = typer.Option(None, "--max-turns", min=0,
                                            help=f"refuse transcripts with more turns, with an error record "
                                            f"(default {DEFAULT_MAX_TURNS:,}; 0: no limit)"),
    max_seconds: Optional[float] = typer.Option(None, "--max-seconds", min=0,
                                                help=f"stop checking a transcript after this many seconds, with "
                                                f"an error record (default {DEFAULT_MAX_SECONDS:g}; 0: no limit)"),
    agent_speaker: List[str] = typer.Option([], "--agent-speaker", help="speaker name to treat as the agent"),
    customer_speaker: List[str] = typer.Option([], "--customer-speaker", help="speaker name to treat as the customer"),
    config: Optional[str] = typer.Option(None, "--config", help="config file (default: turncheck.toml or "
                                         "[tool.turncheck] in pyproject.toml, searched upwards)"),
    no_config: bool = typer.Option(False, "--no-config", help="ignore config files"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress or summary on stderr"),
    no_progress: bool = typer.Option(False, "--no-progress", help="no progress bar"),
) -> None:
    """Check transcripts against a rule set and write a scorecard per transcript.

    Exit codes: 0 every transcript passed, 1 at least one failed, 2 usage or
    rule-set error (nothing checked), 3 some inputs could not be read or parsed.
    """
    resume_gc = pause_gc()
    # imported here, not at the top: `turncheck --help` and the other commands do not pay for them
    from ..config import load_config
    from ..packcache import load_checker
    from ..runner import Run, expand_inputs
    from ..transcripts import ImportOptions

    err = StderrConsole()
    try:
        cfg = load_config(config, discover=not no_config)
        fmt = fmt or cfg.get("format", "table")
        fail_on = fail_on or cfg.get("fail_on", "critical")
        if fail_on not in FAIL_ON:
            raise UsageError(f"--fail-on {fail_on!r}: not a severity", hint="critical, major or minor")
        if fail_under is None:
            fail_under = cfg.get("fail_under")
        quiet = quiet or cfg.get("quiet", False)
        show_progress = not (no_progress or quiet or cfg.get("progress", True) is False)
        # (restored from the pack cache when the pack is unchanged since an earlier run: see turncheck.packcache)
        checker = load_checker(rules or cfg.get("rules") or None, only=only or cfg.get("only", []),
                               skip=skip or cfg.get("skip", []), fail_under=fail_under, fail_on=fail_on)
        ruleset = checker.ruleset
        renderer_cls = get_renderer(fmt)
        waiver_file = waivers or cfg.get("waivers")
        waiver_set = None
        if waiver_file:
            from ..waivers import load_waivers

            waiver_set = load_waivers(waiver_file, [r.id for r in ruleset.rules])
        options = ImportOptions(input_format=input_format or cfg.get("input_format", "auto"),
                                agent_speakers=tuple(agent_speaker or cfg.get("agent_speaker", [])),
                                customer_speakers=tuple(customer_speaker or cfg.get("customer_speaker", [])),
                                max_bytes=_limit(max_bytes, cfg.get("max_bytes"), DEFAULT_MAX_BYTES),
                                max_turns=_limit(max_turns, cfg.get("max_turns"), DEFAULT_MAX_TURNS))
        if options.input_format != "auto":
            from ..transcripts import get_importer

            get_importer(options.input_format)  # an unknown format is a usage error before reading anything
        if not paths and from_file is None:
            raise UsageError("no inputs", hint="give files, folders, globs, - for stdin, or --from-file LIST")
        walk_warnings: list[str] = []
        inputs = expand_inputs(paths or [], from_file=from_file, exclude=exclude or cfg.get("exclude"),
                               extend_exclude=[*cfg.get("extend_exclude", []), *extend_exclude],
                               own_files=[f for f in (cfg.file, waiver_file, output) if f and f != "-"],
                               warnings=walk_warnings)
        engine_name = engine or cfg.get("engine", "local")
        n_jobs = jobs if jobs is not None else cfg.get("jobs")
        if n_jobs is None and engine_name == "local":
            n_jobs = default_local_jobs(len(inputs))
        run_engine = make_engine(engine_name, n_jobs, scheduler or cfg.get("scheduler"))
    except TurncheckError as exc:
        raise fail(exc, EXIT_USAGE)
    finally:
        resume_gc()

    for message in walk_warnings + (waiver_set.expiry_messages() if waiver_set else []):
        from ..report.common import safe_name

        err.print(f"warning: {safe_name(message)}", markup=False)

    redacting = bool(redact if redact is not None else cfg.get("redact", False))
    cache_dir = None if no_cache else (cache or cfg.get("cache"))
    store = None
    if cache_dir:
        from ..cache import Cache, CacheError

        try:
            # with --redact a card also notes the names the customer gave (to mask them): its own entries
            store = Cache(cache_dir, checker, options, variant="redact" if redacting else "")
        except CacheError as exc:
            err.print(f"warning: {exc.format()}; running without the cache", markup=False)

    summary = RunSummary(waiver_set)
    run = Run(checker, options, cache=store, waivers=waiver_set, redact=redacting,
              summarise=CardSummary.of,
              max_seconds=_limit(max_seconds, cfg.get("max_seconds"), DEFAULT_MAX_SECONDS))
    progress = _progress(err, len(inputs), show_progress and err.is_terminal
                         and (output is not None or not sys.stdout.isatty()))
    run.on_input = progress.update if progress else None
    try:
        with run_engine as eng, atomic_output(output) as out:
            run.engine = eng
            renderer = renderer_cls(out, checker.info, rules=checker.rules)
            run.render = renderer.card_text  # made where the card is checked, when the format has it
            loader = TranscriptLoader(options, run.redact) if getattr(renderer_cls, "wants_transcript", False) \
                else None
            if progress:
                progress.start()
            for done in run.finished(inputs):
                summary.add_summary(done.summary)
                if done.text is not None:
                    renderer.add_text(done.text)
                else:
                    card = done.scorecard()
                    renderer.add(card, loader(card, done.path) if loader is not None else None)
            if progress:
                progress.stop()
            renderer.close(summary)
    except OutputError as exc:  # a full disk, a missing folder: the report is not there, whatever was checked
        raise fail(exc, EXIT_USAGE)
    except TurncheckError as exc:  # engine-level trouble (cluster gone, workers dying)
        raise fail(exc, EXIT_USAGE if run.stats.done == 0 else EXIT_INPUT)
    finally:
        if progress:
            progress.stop()
        if store is not None:
            store.close()
            from ..report.common import safe_name

            for message in store.warnings:
                err.print(f"warning: {safe_name(message)}", markup=False)

    if not quiet:
        # a table or Markdown on stdout ends with the run's totals already: print them once, not twice
        shown = output is None and fmt in ("table", "md")
        print_summary(err.console, summary, run.stats, waiver_set, totals=not shown)
    if summary.status["error"]:
        raise typer.Exit(EXIT_INPUT)
    raise typer.Exit(EXIT_FAILED if summary.status["fail"] else EXIT_OK)


def make_engine(name: str, jobs: int | None, scheduler: str | None = None):
    """:func:`turncheck.engines.make_engine`, imported on first use (and a seam the tests replace)."""
    from ..engines import make_engine as make

    return make(name, jobs, scheduler)


def _limit(given, configured, default):
    """A size limit from the command line, else the config file, else the default; 0 means no limit."""
    value = given if given is not None else configured if configured is not None else default
    return value or None


#: starting a worker process (imports, compiling the rule set) costs about as much as checking this many files
FILES_PER_WORKER_START = 50


def default_local_jobs(n_inputs: int) -> int:
    """All cores, but no more workers than the inputs pay for: a handful of files is checked in-process."""
    from ..engines.local import default_jobs

    return max(1, min(default_jobs(), n_inputs // FILES_PER_WORKER_START))


class TranscriptLoader:
    """For renderers that show the conversation (html): the card's transcript, re-read in this process.

    Workers send back scorecards only; the few formats that draw the
    conversation re-read it here. Records of a JSON Lines file are found by
    their line; the last file's records are kept, not every file's.
    """

    def __init__(self, options: ImportOptions, redact: bool) -> None:
        self.options, self.redact = options, redact
        self.source: str | None = None
        self.by_location: dict = {}

    def __call__(self, card, path: str | None = None):
        from ..transcripts import iter_transcripts

        path = path if path is not None else card.source
        if card.status == "error" or path == "-" or path.startswith("<"):
            return None
        if path != self.source:
            self.source, self.by_location = path, {}
            try:
                for t in iter_transcripts(path, self.options):
                    if not isinstance(t, TurncheckError):
                        self.by_location[t.metadata.get("location")] = t
            except (TurncheckError, OSError):
                pass
        t = self.by_location.get(card.location)
        if t is not None and self.redact:
            from ..redact import customer_names, redact_name, redactor

            red = redactor(customer_names(t))
            t = t.model_copy(deep=True)
            for turn in t.turns:
                turn.text = red(turn.text)
                if turn.speaker:
                    turn.speaker = red(turn.speaker)
            for key in ("customer_name",):
                if isinstance(t.metadata.get(key), str):
                    t.metadata[key] = "[NAME]"
            t.source = redact_name(t.source, red)
            t.id = redact_name(t.id, red)
        return t


# --- stderr: progress and summary -----------------------------------------------------------------


class StderrConsole:
    """rich's Console on stderr, made on first use: a quiet run with nothing to warn about never imports rich
    (~20 ms of start-up)."""

    def __init__(self) -> None:
        self._console: Console | None = None

    @property
    def console(self) -> "Console":
        if self._console is None:
            from ..console import make_console

            self._console = make_console(stderr=True, highlight=False, soft_wrap=True)
        return self._console

    @property
    def is_terminal(self) -> bool:
        return self.console.is_terminal

    def print(self, *objects, **options) -> None:
        self.console.print(*objects, **options)


class _Progress:
    """A rich progress bar on stderr: inputs done, rate, errors so far."""

    def __init__(self, console: "Console | StderrConsole", total: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        if isinstance(console, StderrConsole):
            console = console.console
        self.bar = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[rate]}"),
                            TextColumn("{task.fields[errors]}"), TimeRemainingColumn(),
                            console=console, transient=True)
        self.task = self.bar.add_task("check", total=total, rate="", errors="")
        self.started = False

    def start(self) -> None:
        self.bar.start()
        self.started = True

    def stop(self) -> None:
        if self.started:
            self.bar.stop()
            self.started = False

    def update(self, stats: RunStats) -> None:
        task = self.bar.tasks[0]
        rate = f"{task.speed:,.0f} files/s" if task.speed else ""
        errors = f"{stats.errors} error{'s' if stats.errors != 1 else ''}" if stats.errors else ""
        self.bar.update(self.task, completed=stats.done, rate=rate, errors=errors)


def _progress(console: "Console | StderrConsole", total: int, enabled: bool) -> _Progress | None:
    return _Progress(console, total) if enabled and total > 1 else None


def print_summary(console: Console, summary: RunSummary, stats: RunStats, waivers=None, totals: bool = True) -> None:
    """Error records, the run's totals (unless ``totals`` is off: the output itself showed them) and waivers."""
    from rich.table import Table

    from ..report.common import safe_name

    d = summary.to_dict()
    for line in summary.error_records[:MAX_LISTED_ERRORS]:
        console.print(f"error: {safe_name(line)}", markup=False)
    if d["errors"] > MAX_LISTED_ERRORS:
        console.print(f"... and {d['errors'] - MAX_LISTED_ERRORS} more error records", markup=False)
    from ..report.common import totals_line

    line = totals_line(d) if totals else ""
    if stats.cache_hits:
        line += f"{' ' if line else ''}({stats.cache_hits} of {stats.inputs} input{'s' if stats.inputs != 1 else ''} reused from the cache)"
    if line:
        console.print(line, markup=False)
    if totals and d["rules"]:
        any_waived = any(c["waived"] for c in d["rules"].values())
        t = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
        cols = ["rule", "pass", "fail"] + (["waived"] if any_waived else []) + ["na", "pass rate"]
        for col in cols:
            t.add_column(col, justify="left" if col == "rule" else "right")
        for rid, c in d["rules"].items():
            rate = "-" if c["pass_rate"] is None else f"{c['pass_rate']:g}%"
            row = [rid, str(c["pass"]), str(c["fail"])] + ([str(c["waived"])] if any_waived else []) + \
                  [str(c["na"]), rate]
            t.add_row(*row)
        console.print(t)
    if totals and d["agents"]:
        t = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
        for col in ("agent", "transcripts", "passed", "failed", "pass rate"):
            t.add_column(col, justify="left" if col == "agent" else "right")
        for agent, c in d["agents"].items():
            judged = c["passed"] + c["failed"]
            rate = f"{100.0 * c['passed'] / judged:.1f}%" if judged else "-"
            t.add_row(safe_name(agent), str(c["transcripts"]), str(c["passed"]), str(c["failed"]), rate)
        console.print(t)
    if waivers is not None:
        w = waivers.to_dict()
        text = f"waivers: {w['applied']} finding{'s' if w['applied'] != 1 else ''} waived"
        if w["expired"]:
            text += f"; {len(w['expired'])} expired waiver{'s' if len(w['expired']) != 1 else ''} not applied: " + \
                    ", ".join(e["waiver"] for e in w["expired"])
        console.print(text, markup=False)
