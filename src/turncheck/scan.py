"""Which files a folder scan offers as inputs.

A folder given to ``turncheck check`` is searched recursively, the way ruff
searches a project:

- ``.gitignore`` files are honoured: those inside the folder, and those of its
  parent folders up to the root of the git work tree it sits in (git's own
  rules: a pattern applies relative to its file's folder, deeper files and
  later lines win, ``!`` re-includes), matched with :mod:`pathspec`; a folder
  named on the command line that git ignores as a whole is still read (the
  parents' files do not apply inside it);
- ``exclude`` patterns (gitignore syntax, relative to the scanned folder)
  skip files and whole folders; the default list, :data:`DEFAULT_EXCLUDE`,
  holds hidden files and folders, licence and README files, fixture labels
  and the manifests that sit in projects (``requirements.txt``,
  ``package.json``, ...). ``exclude`` (the ``--exclude`` option or config key)
  *replaces* that list, ``extend-exclude`` adds to it;
- turncheck's own files are never read as transcripts: the config file
  (``turncheck.toml``, ``pyproject.toml``), the waiver file in use, results
  that turncheck wrote (recognised by their first bytes, in every output
  format), and evaluation labels whatever their name (a JSON Lines file whose
  first line is ``{"file": ..., "labels": {...}}``, what ``evaluate --labels``
  and ``review export`` read and write).

A file named on its own on the command line is always read: only folder
scans filter.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .text import LazyPattern

#: gitignore-style patterns a folder scan skips unless ``exclude`` replaces them
DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".*",  # hidden files and folders: .git, .venv, .turncheck-cache, .gitignore itself
    "LICENSES/",  # licence texts (the REUSE convention)
    "LICENSE", "LICENSE.*", "COPYING", "README.md", "README.*",
    "labels.jsonl", "*.expected.json", "pack.yaml",  # evaluation labels, conformance expectations, rule packs
    "requirements*.txt", "constraints*.txt",  # Python manifests ...
    "package.json", "package-lock.json", "tsconfig*.json", "composer.json",  # ... and JavaScript/PHP ones
    "node_modules/", "__pycache__/",
)

#: config files: never transcripts, whatever ``exclude`` says
CONFIG_NAMES = frozenset({"turncheck.toml", "pyproject.toml"})

#: the first bytes of files turncheck wrote, per output format
_RESULTS = (
    LazyPattern(rb'^\s*\{\s*"ruleset"\s*:\s*\{[^{}]*\}\s*,\s*"summary"\s*:'),  # --format json
    LazyPattern(rb'^\{"transcript":"(?:[^"\\]|\\.)*","source":.*"ruleset":\{"name":'),  # jsonl
    LazyPattern(rb"^transcript,source,format,card_status,score,rule_id,"),  # csv
    LazyPattern(rb"^# turncheck scorecards"),  # md
    LazyPattern(rb"<title>turncheck "),  # html
    LazyPattern(rb'<testsuites name="turncheck '),  # junit
    LazyPattern(rb'"\$schema":\s*"[^"]*sarif[^"]*".*"name":\s*"turncheck"', re.S),  # sarif
    # evaluation labels under any name ("labels.jsonl" is excluded by name already; "labels-2026.jsonl",
    # "reviewer2.jsonl" are not): one line per transcript, its file first and its labels object on that line
    LazyPattern(rb'^\{\s*"file"\s*:\s*"(?:[^"\\\n]|\\.)*"\s*,[^\n]*?"labels"\s*:\s*\{'),
)
_HEAD = 4096


def is_results_file(path: str | os.PathLike[str]) -> bool:
    """Whether the file is turncheck output or an evaluation labels file (its first bytes carry one of their
    signatures)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # a FIFO or device would block or never end: never opened here
        with open(path, "rb") as f:
            head = f.read(_HEAD)
    except OSError:
        return False
    head = head.removeprefix(b"\xef\xbb\xbf")
    return any(p.search(head) for p in _RESULTS)


class _Ignores:
    """The gitignore specs that apply inside one folder, outermost first."""

    def __init__(self, specs: tuple[tuple[Path, object], ...] = ()) -> None:
        self.specs = specs

    def adding(self, folder: Path) -> "_Ignores":
        spec = _gitignore(folder / ".gitignore")
        return _Ignores(self.specs + ((folder, spec),)) if spec is not None else self

    def ignored(self, path: Path, is_dir: bool) -> bool:
        result = False
        for base, spec in self.specs:
            try:
                rel = path.relative_to(base).as_posix()
            except ValueError:
                continue
            verdict = spec.check_file(_matchable(rel + "/" if is_dir else rel)).include  # type: ignore[attr-defined]
            if verdict is not None:
                result = verdict
        return result


def _gitignore(file: Path):
    if not file.is_file():
        return None
    import pathspec

    try:
        lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _outer_ignores(folder: Path) -> _Ignores:
    """The .gitignore files of ``folder``'s parents, up to the root of its git work tree (none outside one)."""
    parents = list(folder.parents)
    root = next((p for p in [folder, *parents] if (p / ".git").exists()), None)
    if root is None or root == folder:
        return _Ignores()
    chain = [p for p in reversed(parents) if p == root or root in p.parents]
    ignores = _Ignores()
    for p in chain:
        ignores = ignores.adding(p)
    return ignores


def _exclude_spec(exclude: Sequence[str] | None, extend_exclude: Sequence[str]):
    import pathspec

    patterns = [*(DEFAULT_EXCLUDE if exclude is None else exclude), *extend_exclude]
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _matchable(path: str) -> str:
    """A path pathspec can match: a file name's undecodable bytes (surrogate escapes) become U+FFFD."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def scan_folder(folder: str | os.PathLike[str], *, exclude: Sequence[str] | None = None,
                extend_exclude: Sequence[str] = (), own_files: Iterable[str | os.PathLike[str]] = (),
                warnings: list[str] | None = None) -> Iterator[str]:
    """The files inside ``folder`` a check reads (see the module docstring), in walk order.

    Nothing is dropped silently: a subfolder that cannot be listed is yielded itself (reading it gives an
    error record saying why), and a symbolic link to a folder is not followed but named in ``warnings``."""
    top = Path(folder)
    top_abs = top.resolve()
    spec = _exclude_spec(exclude, extend_exclude)
    own = {Path(p).resolve() for p in own_files}
    outer = _outer_ignores(top_abs)
    if outer.ignored(top_abs, True):
        # the folder was named although git ignores it (a data folder kept out of the repository): the user
        # asked for it, so the .gitignore files above it do not apply; its own and deeper ones still do
        outer = _Ignores()
    ignores = {top_abs: outer.adding(top_abs)}
    unlisted: list[str] = []

    def onerror(exc: OSError) -> None:
        unlisted.append(exc.filename if exc.filename is not None else str(top))

    for root, dirs, files in os.walk(top, onerror=onerror):
        yield from (u for u in unlisted if u != str(top))
        unlisted.clear()
        root_abs = top_abs / Path(root).relative_to(top)
        here = ignores.pop(root_abs)
        rel_root = root_abs.relative_to(top_abs).as_posix()
        prefix = "" if rel_root == "." else rel_root + "/"
        kept = []
        for d in sorted(dirs):
            d_abs = root_abs / d
            if spec.match_file(_matchable(prefix + d + "/")) or here.ignored(d_abs, True):
                continue
            full = os.path.join(root, d)
            if os.path.islink(full):
                if warnings is not None:
                    warnings.append(f"{full}: a symbolic link to a folder, not followed "
                                    f"(name it as an input to check what it links to)")
                continue
            kept.append(d)
            ignores[d_abs] = here.adding(d_abs)
        dirs[:] = kept
        for name in files:
            f_abs = root_abs / name
            if name in CONFIG_NAMES or spec.match_file(_matchable(prefix + name)) or here.ignored(f_abs, False):
                continue
            if (own and f_abs.resolve() in own) or is_results_file(f_abs):
                continue
            yield os.path.join(root, name)
    yield from (u for u in unlisted if u != str(top))
