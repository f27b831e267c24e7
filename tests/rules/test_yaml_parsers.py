"""Rule files are composed by libyaml when PyYAML has it: the result must be exactly what PyYAML's own parser
gives (data, the line of every key, the mark of every scalar), and errors must read the same."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from turncheck.errors import RuleError
from turncheck.rules import yamlsource

from helpers import ROOT

FILES = sorted(p for folder in (ROOT, ROOT / "rules", ROOT / "examples", ROOT / "tests", ROOT / "fixtures")
               for p in (folder.glob("*") if folder == ROOT else folder.rglob("*"))
               if p.suffix in (".yaml", ".yml") and p.is_file())

TEXTS = [
    'title: “Sorry”\ncheck:\n  query: "“so sorry” 😀 OR"\n  x: [é, 😀, "ü"]\n',
    'a: “x” é 😀 b\nq: "é😀 OR" \nr: >\n  é😀 x\n  y\n',
    'a: 1\r\nb: "x"\r\nc: >\r\n  q\r\n',
    "a: x\x85b: y\n",
    "a: x\u2028b: y\n",
    "k: 'it''s'\nm: |\n  line1\n\n  line3\n",
    "- a\n- b: c\n  d: e\n",
    "? complex\n: value\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\nb: 0o17\nc: 1_000\nd: yes\ne: ~\nf: 2001-12-14\ng: .inf\n",
    "%YAML 1.1\n---\na: 1\n",
    "a: 1\n...\n",
    "",
    "# only a comment\n",
    'a: "\\u00e9\\x41\\t"\n',
    # tabs: libyaml accepts some that PyYAML rejects
    'a: [\n\t"x",\n\t"y"\n]\n',
    "a:\tb\n",
    "a: 'x\ty'\n",
    # errors
    "a: b: c\n",
    "a: [1, 2\n",
    'a: "unterminated\n',
    "a: 1\na: 2\n",
    "- a\nb: c\n",
    "a: *nope\n",
    "---\na: 1\n---\nb: 2\n",
    "a: !custom x\n",
    "a: '\\x00'\n",
    "a: \x07\n",
    "  a: 1\n b: 2\n",
    "{a: 1, b: [x, {c: d}]}\n",
]


def _load(path: Path | None, text: str | None, fast: bool, monkeypatch) -> object:
    monkeypatch.setattr(yamlsource, "_FAST_LOADER", getattr(yaml, "CSafeLoader", None) if fast else None)
    try:
        got = yamlsource.load_yaml(path or Path("t.yaml"), text)
    except RuleError as exc:
        return ("error", exc.format())
    except yaml.YAMLError as exc:  # constructor errors are not turned into RuleErrors (as before)
        return ("yaml-error", str(exc))
    return got.data, got.lines, got.marks, got.text_lines


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML without libyaml")
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_repository_yaml_files_load_the_same(path, monkeypatch):
    assert _load(path, None, True, monkeypatch) == _load(path, None, False, monkeypatch)


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML without libyaml")
@pytest.mark.parametrize("text", TEXTS)
def test_edge_cases_load_the_same(text, monkeypatch):
    assert _load(None, text, True, monkeypatch) == _load(None, text, False, monkeypatch)


def test_files_are_found():
    assert len(FILES) >= 16
