"""The modules read one way: transcripts -> rules -> query -> checks -> engine -> runner -> report -> cli.

No module imports one of a later layer (not even inside a function), and no two modules import each other
(a package's ``__init__`` registering its own submodules aside). Read from the source with ``ast``.
"""

from __future__ import annotations

import ast

from helpers import ROOT

SRC = ROOT / "src" / "turncheck"
LAYERS = ["transcripts", "rules", "query", "checks", "engine", "runner", "report", "cli"]
#: which layer a module is in, by its dotted name under turncheck (first match); others are shared helpers
LAYER_OF = {"transcripts": 0, "rules": 1, "query": 2, "checks": 3, "engine": 4, "engines": 4, "inputs": 4, "packcache": 4,
            "runner": 5, "report": 6, "cli": 7}


def _modules() -> dict[str, set[str]]:
    names = {}
    for path in SRC.rglob("*.py"):
        parts = ("turncheck", *path.relative_to(SRC).with_suffix("").parts)
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                for candidate in [target, *(f"{target}.{a.name}" for a in node.names)]:
                    if candidate in names and candidate != name:
                        deps.add(candidate)
            elif isinstance(node, ast.Import):
                deps.update(a.name for a in node.names if a.name in names and a.name != name)
        graph[name] = deps
    return graph


def _layer(name: str) -> int | None:
    parts = name.split(".")
    return LAYER_OF.get(parts[1]) if len(parts) > 1 else None


def _own_package(a: str, b: str) -> bool:
    return a.startswith(b + ".") or b.startswith(a + ".")


def test_no_two_modules_import_each_other():
    graph = _modules()
    circles = sorted({tuple(sorted((a, b))) for a, deps in graph.items() for b in deps
                      if a in graph.get(b, ()) and not _own_package(a, b)})
    assert circles == []


def test_no_module_imports_a_later_layer():
    graph = _modules()
    upward = sorted((a, b) for a, deps in graph.items() for b in deps
                    if _layer(a) is not None and _layer(b) is not None and _layer(b) > _layer(a))
    assert upward == []


def test_the_named_circles_stay_untied():
    graph = _modules()
    assert "turncheck.checks.restatement" not in graph["turncheck.checks.phrases"]
    assert "turncheck.runner" not in graph["turncheck.engines"]
    assert "turncheck.rules.loader" not in graph["turncheck.checks.base"]
