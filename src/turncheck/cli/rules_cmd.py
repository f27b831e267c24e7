"""``turncheck rules list|show|test|import``: the rule set, one rule, the rules' own examples as tests, and vendor
rules (Transcribe, Contact Lens, CCAI) converted into rule files."""

from __future__ import annotations

import re
from typing import List, Optional

import typer

from ..errors import TurncheckError
from . import EXIT_FAILED, EXIT_USAGE, app, error_line, fail

rules_app = typer.Typer(help="List, show and test the rule set.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

RulesOpt = typer.Option([], "--rules", "-r", help="rule folder or file (repeatable); default pack if omitted")


def _load(rules: list[str]):
    from ..rules.loader import load_ruleset  # here: `turncheck --help` does not pay for the rule loader

    try:
        return load_ruleset(rules or None)
    except TurncheckError as exc:
        raise fail(exc, EXIT_USAGE)


def rules_markdown(rs) -> str:
    """The README's table of rules, generated from the rule files."""
    rows = ["| rule | what it checks | severity | weight | n/a when | from the guidance |",
            "|---|---|---|---|---|---|"]
    for r in rs.rules:
        sources = sorted({m for m in re.findall(r"guidance/\d{3}", r.rationale)})
        when = "never" if r.applies_when == "always" else r.applies_when
        cells = [f"`{r.id}`", " ".join(r.description.split()), r.severity, f"{r.weight:g}", when, ", ".join(sources)]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows) + "\n"


@rules_app.command("list")
def list_rules(rules: List[str] = RulesOpt,
               fmt: str = typer.Option("table", "--format", help="table|md|json")) -> None:
    """List the rules: id, severity, weight, when it applies, and what it checks."""
    if fmt not in ("table", "md", "json"):
        raise fail(TurncheckError(f"unknown format {fmt!r}", hint="table, md or json"), EXIT_USAGE)
    rs = _load(rules)
    if fmt == "md":
        typer.echo(rules_markdown(rs), nl=False)
        return
    if fmt == "json":
        from .. import jsontext
        from ..rules.listing import rules_document

        typer.echo(jsontext.dumps(rules_document(rs), indent=True))
        return
    from rich.table import Table
    from rich.text import Text

    from ..console import make_console, table_box

    console = make_console(highlight=False)
    table = Table(title=f"{rs.name} {rs.version}", title_justify="left", box=table_box(console),
                  safe_box=not console.is_terminal)
    section_of = {rid: sid for sid, s in rs.sections.items() for rid in s.rules}
    cols = ("id", "severity", "weight", "applies when", "check") + (("section",) if rs.sections else ())
    for col in cols:
        table.add_column(col, no_wrap=True)
    table.add_column("description")
    for r in rs.rules:
        rid = r.id + (" (auto-fail)" if r.auto_fail else "") + ("" if r.enabled else " (disabled)")
        extra = (section_of.get(r.id, "–"),) if rs.sections else ()
        cells = (rid, r.severity, f"{r.weight:g}", r.applies_when, r.check.kind, *extra, r.description)
        table.add_row(*(Text(c) for c in cells))  # the rule's words as written, not console markup
    if not console.is_terminal:
        console.width = max(console.width, 140)
    console.print(table)


@rules_app.command("show")
def show_rule(rule_id: str, rules: List[str] = RulesOpt) -> None:
    """Show one rule with its rationale, check parameters and examples."""
    rs = _load(rules)
    try:
        r = rs.get(rule_id)
    except TurncheckError as exc:
        raise fail(exc, EXIT_USAGE)
    from rich.markup import escape

    from ..console import make_console

    con = make_console(highlight=False)
    con.print(f"[bold]{escape(r.id)}[/bold]  {r.severity}, weight {r.weight:g}, applies when: {r.applies_when}"
              + (", [bold red]auto-fail[/bold red] (a failure makes the score 0)" if r.auto_fail else ""))
    section = next(((sid, s) for sid, s in rs.sections.items() if r.id in s.rules), None)
    if section is not None:
        con.print(f"section: {escape(section[1].title or section[0])} ({escape(section[0])}), "
                  f"section weight {section[1].weight:g}")
    # the rule's own words are text, not markup: "[crosstalk]" in a description is printed as written
    con.print(f"file: {r.file}", markup=False)
    con.print(f"\n{r.description.strip()}\n", markup=False)
    con.print(f"[bold]Why[/bold]\n{escape(r.rationale.strip())}\n")
    con.print(f"[bold]How it decides[/bold]\n{escape(how_it_decides(r))}\n")
    cond = rs.conditions.get(r.applies_when)
    if cond is not None:
        con.print(f"[bold]When it applies[/bold] ({escape(r.applies_when)}, from the pack)\n"
                  f"{escape(_condition_text(cond))}\n")
    con.print(f"[bold]Check[/bold] ({r.check.kind})")
    con.print(_yaml(r.check.model_dump(exclude={"kind"}, exclude_defaults=True)), markup=False)
    for status, ex in r.examples.items():
        con.print(f"\n[bold]Example ({status})[/bold]" + (f": {escape(ex.note)}" if ex.note else ""))
        con.print(ex.transcript.rstrip(), markup=False)


@rules_app.command("test")
def test_rules(
    rules_pos: Optional[List[str]] = typer.Argument(None, help="rule folders or files (default pack if omitted)"),
    rules: List[str] = RulesOpt,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="show passing examples too"),
) -> None:
    """Run every rule's inline examples as tests."""
    from ..engine import Checker

    rs = _load(list(rules_pos or []) + list(rules))
    try:
        checker = Checker(rs)
    except TurncheckError as exc:
        raise fail(exc, EXIT_USAGE)
    from ..rules.testing import run_examples

    results = run_examples(checker)
    if not results:
        n = len(checker.rules)
        which = "the one rule" if n == 1 else f"none of the {n} rules"
        typer.echo(f"no examples to run: {which} of {rs.name!r} {'has no' if n == 1 else 'have'} 'examples:' "
                   "(pass/fail transcripts in the rule file)", err=True)
        raise typer.Exit(0)
    failed = [r for r in results if not r.ok]
    for r in results:
        if verbose or not r.ok:
            mark = "ok  " if r.ok else "FAIL"
            typer.echo(f"{mark} {r.rule} example {r.expected} #{r.number}: got {r.got}"
                       + ("" if r.ok else f" ({r.message})"))
    typer.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    raise typer.Exit(EXIT_FAILED if failed else 0)


@rules_app.command("import")
def import_rules(
    files: List[str] = typer.Argument(..., help="vendor rule JSON files (one rule, category or matcher each)"),
    out_dir: Optional[str] = typer.Option(None, "--output", "-o",
                                          help="folder for the rule files (made if missing); stdout if omitted"),
    vendor: str = typer.Option("auto", "--format", metavar="[auto|transcribe|contact-lens|ccai]",
                               help="what the files are (auto: by their keys)"),
    partial: bool = typer.Option(False, "--partial",
                                 help="convert what has a turncheck equivalent and warn about the rest "
                                      "(default: refuse the whole vendor rule)"),
    force: bool = typer.Option(False, "--force", help="overwrite rule files that already exist"),
) -> None:
    """Convert Amazon Transcribe categories, Contact Lens rules and CCAI phrase matchers into rule files."""
    from pathlib import Path

    from ..errors import RuleError, RuleErrors
    from ..report.common import safe_name
    from ..rules.vendor import FORMATS, SOURCE_NAMES, convert

    if vendor not in FORMATS:
        from ..suggest import suggest

        raise fail(RuleError(f"--format {vendor!r}: not a choice",
                             hint=suggest(vendor, FORMATS) or ", ".join(FORMATS)), EXIT_USAGE)
    folder = Path(out_dir) if out_dir else None
    failed = False
    written: dict[str, str] = {}  # rule id -> the input it came from (two inputs must not write one file)
    for name in files:
        try:
            conv = convert(_read_json(name), fmt=vendor, file=name, default_name=Path(name).stem, partial=partial)
            rules = {rid: _checked_rule(rid, data, name) for rid, data in conv.rules.items()}
            clash = [rid for rid in rules if rid in written]
            if clash:
                raise RuleError(f"rule {clash[0]!r} was already made from {written[clash[0]]}", file=name,
                                hint="give the vendor rules different names, or import them into separate folders")
            if folder is not None and not force:
                there = [rid for rid in rules if (folder / f"{rid}.yaml").exists()]
                if there:
                    raise RuleError(f"{folder / (there[0] + '.yaml')} already exists", file=name,
                                    hint="--force overwrites it")
        except (RuleError, RuleErrors) as exc:
            typer.echo(error_line(exc), err=True)
            failed = True
            continue
        except RecursionError:
            typer.echo(error_line(RuleError("nested too deeply to convert", file=name)), err=True)
            failed = True
            continue
        for p in conv.problems:
            typer.echo(f"warning: {safe_name(name)}: {p} (left out: --partial)", err=True)
        header = f"# Imported by `turncheck rules import` from {Path(name).name} ({SOURCE_NAMES[conv.source]}).\n"
        for rid, data in rules.items():
            text = header + _rule_yaml(data)
            written[rid] = name
            if folder is None:
                typer.echo(f"--- # {rid}.yaml\n{text}", nl=False)
                continue
            from ..report.output import atomic_output

            try:
                folder.mkdir(parents=True, exist_ok=True)
                with atomic_output(folder / f"{rid}.yaml") as out:
                    out.write(text)
            except OSError as exc:
                raise fail(RuleError(f"cannot write: {exc.strerror or exc}", file=str(folder / f"{rid}.yaml")),
                           EXIT_USAGE)
            except TurncheckError as exc:
                raise fail(exc, EXIT_USAGE)
        if folder is not None:
            n = len(rules)
            typer.echo(f"{safe_name(name)}: {n} rule{'s' if n != 1 else ''} written to {safe_name(str(folder))}: "
                       + ", ".join(f"{rid}.yaml" for rid in rules), err=True)
    raise typer.Exit(EXIT_USAGE if failed else 0)


def _read_json(name: str):
    """A vendor file's JSON, or a one-line error naming the file (and line)."""
    import json

    from ..errors import RuleError

    try:
        with open(name, encoding="utf-8-sig") as fh:
            text = fh.read()
    except UnicodeDecodeError:
        raise RuleError("not UTF-8 text", file=name) from None
    except OSError as exc:
        raise RuleError(f"cannot read: {exc.strerror or exc}", file=name) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise RuleError(f"not JSON: {exc.msg} (column {exc.colno})", file=name, line=exc.lineno) from None
    except RecursionError:
        raise RuleError("not JSON a checker can read: nested too deeply", file=name) from None


def _checked_rule(rule_id: str, data: dict, name: str) -> dict:
    """A generated rule, validated as the loader would (model and queries) before it is written."""
    from pydantic import ValidationError

    from ..errors import QuerySyntaxError, RuleError
    from ..query import parse_query
    from ..rules.model import Rule

    try:
        rule = Rule.model_validate({**data, "id": rule_id})
        for q in [getattr(rule.check, "query", None), *getattr(rule.check, "exclude", [])]:
            if q:
                parse_query(q, definitions={}, source="check.query")
    except (ValidationError, QuerySyntaxError) as exc:  # a converter bug, reported, not a traceback
        raise RuleError(f"rule {rule_id!r} would not load: {str(exc).splitlines()[0]}", file=name) from None
    return data


def _rule_yaml(data: dict) -> str:
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def _str(dumper, value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value,
                                       style=">" if len(value) > 100 and "\n" not in value else None)

    _Dumper.add_representer(str, _str)
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)


def _yaml(data) -> str:
    """Check parameters as the YAML a rule writer would type (long queries folded), indented."""
    import yaml

    class _Folded(yaml.SafeDumper):
        pass

    def _str(dumper, value):
        style = ">" if len(value) > 80 else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value.strip() if style else value, style=style)

    _Folded.add_representer(str, _str)
    text = yaml.dump(data, Dumper=_Folded, sort_keys=False, allow_unicode=True, width=100)
    return "\n".join("  " + line for line in text.rstrip().splitlines())


#: how each check kind decides, in a reviewer's words
_HOW = {
    "presence": {
        "absent": "Fails when any {role} sentence matches the query, or one of the 'also' phrase sets, and no "
                  "exclusion holds in that sentence (exclude) or turn (exclude_turn); an 'also' set with "
                  "'answering' counts only in a turn that answers the other side's reply matching it (a customer "
                  "pushing back on what the agent said), one with 'exclude_reply' lets exclude_turn hold "
                  "anywhere in the reply (this side's turns in a row) or, with 'exclude_later', in any later turn of "
                  "that side, and one with 'echo: n' counts only when one "
                  "of the next n content words is one the other side just asserted (a denial of what they said). "
                  "The finding quotes that sentence. "
                  "Passes otherwise.",
        "present": "Passes when some {role} sentence matches the query and no exclusion holds in that sentence "
                   "(exclude) or turn (exclude_turn); the finding quotes it. Fails otherwise, quoting the "
                   "closest near-miss.",
    },
    "response": "Looks at the agent turns after the customer turn that made the rule apply (and before it with "
                "allow_before). Passes on the first agent sentence that matches the query with no exclusion in "
                "its sentence or turn, quoting it; fails otherwise, quoting the trigger and the closest near-miss.",
    "restatement": "Compares each agent sentence after the problem with the customer's recent turns, word by word "
                   "(Snowball stems, rapidfuzz for near spellings, same_words groups for abbreviations and plain "
                   "synonyms: 'app' for 'application'). Passes on a sentence that shares at least "
                   "min_shared_words content words and reaches min_similarity, or the lower "
                   "min_similarity_with_cue when it carries a cue ('so you're saying', 'is that right?'). An "
                   "echo cue ('you're having trouble ...') needs only min_shared_words_with_echo specific words "
                   "in common, and a paraphrase cue (a regret that names the trouble: 'sorry to hear you're "
                   "having trouble connecting') none: a word outside generic_words among the "
                   "paraphrase_window words after it, in the same clause, is enough; so it is after a check "
                   "question ('were you trying to subscribe to a family plan?') that offers no choice (no 'or'). "
                   "A sentence matching not_restating (an instruction, a troubleshooting question) never counts.",
    "interruption": "Fails when an agent utterance that is not a backchannel starts at least min_overlap_seconds "
                    "before a customer utterance ends, when a customer turn breaks off ('--') and the agent "
                    "speaks next, when the customer protests being cut off ('let me finish??', customer_protests) "
                    "right after an agent turn, or on an agent marker such as [crosstalk]. n/a without timings or "
                    "markers.",
    "each": "Every agent sentence that matches the query needs its companion (needs) in the place 'where' says; "
            "fails on the first one without it, quoting it. n/a when no sentence matches.",
    "metric": "Computes the talk metrics of a timed transcript (silence, talk-over, talk ratio, pace) and passes "
              "when every 'require' bound holds; fails naming the figure; n/a for a transcript without timings.",
    "name": "Passes when an agent turn uses the customer's known name (from metadata, a named speaker label, or "
            "the customer saying it); n/a when no name is known.",
}


def how_it_decides(rule) -> str:
    how = _HOW.get(rule.check.kind, "")
    if isinstance(how, dict):
        how = how[getattr(rule.check, "expect", "present")]
    return how.format(role=getattr(rule.check, "role", "agent"))


def _condition_text(cond) -> str:
    lines = [cond.description.strip() or "(no description)",
             f"Holds on the first {cond.role} sentence that matches its query (see pack.yaml), with exclusions "
             "scoped to their clause; a question counts only with question_needs."]
    cue = getattr(cond, "negated_action", None)
    if cue is not None:
        lines.append("It also holds on a negated action, whatever the verb: one of "
                     f"{', '.join(cue.negators[:6])}, ... then any word but a not-action "
                     f"({', '.join(cue.not_actions[:6])}, ...), unless a hedge ({', '.join(cue.hedges[:4])}, ...) "
                     "comes first in the clause. The finding quotes the sentence.")
    if getattr(cond, "plea", None):
        lines.append("A plea for help (plea) holds in any sentence, question or not"
                     + (", unless the same turn matches plea_unless anywhere (a how-to question)."
                        if cond.plea_unless else "."))
    if getattr(cond, "shortfall", None) is not None:
        lines.append("A shortfall told in two facts holds too: a sentence that is not a question matching "
                     "shortfall.expected (what was promised, paid for or done), then shortfall.outcome later in it "
                     "or in a later sentence that is not a question (what came of it); the finding quotes both.")
    return "\n".join(lines)
