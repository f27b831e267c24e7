"""The released artefacts work on their own: `python -m build` makes the sdist and, from that sdist, the wheel;
the wheel installed in a fresh venv (no source checkout on its path) checks fixtures/ with the bundled default pack.

Built once per session (about 3 s with --no-isolation: the test extras carry build, setuptools and wheel, so nothing
is downloaded). The fresh venv has no pip and no packages of its own: the wheel is installed into it with --no-deps
and it sees this venv's dependencies through a .pth file of plain paths, which does not run this venv's editable
install hook, so `import turncheck` there can only find the wheel's copy.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from helpers import FIXTURES, ROOT, RULES

pytestmark = pytest.mark.packaging


def _run(cmd, **kw):
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kw)
    assert proc.returncode == 0, f"{cmd} failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    return proc


def _clean_copy(dest: Path) -> Path:
    """The checkout's files without what earlier builds left: setuptools reuses a stale *.egg-info/SOURCES.txt,
    which would hide a MANIFEST.in that no longer lists rules/."""
    skip = shutil.ignore_patterns("*.egg-info", "build", "dist", ".git", ".venv*", "__pycache__", ".pytest_cache",
                                  ".hypothesis", "artifacts", "corpus", "out")
    shutil.copytree(ROOT, dest, ignore=skip)
    return dest


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    src = _clean_copy(tmp_path_factory.mktemp("src") / "turncheck")
    # no --sdist/--wheel: build makes the sdist, unpacks it and builds the wheel from it, as a release does
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(src)])
    return out


@pytest.fixture(scope="session")
def wheel_venv(dist, tmp_path_factory) -> Path:
    env_dir = tmp_path_factory.mktemp("wheel-venv")
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    wheel = next(dist.glob("turncheck-*.whl"))
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index",
          str(wheel)])
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    deps = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (site / "zz-test-deps.pth").write_text("\n".join(deps) + "\n")
    return env_dir


def test_sdist_carries_the_default_pack(dist):
    sdist = next(dist.glob("turncheck-*.tar.gz"))
    with tarfile.open(sdist) as tar:
        names = {Path(*Path(n).parts[1:]).as_posix() for n in tar.getnames()}
    assert {f"rules/{p.name}" for p in RULES.glob("*.yaml")} <= names
    assert "rules/pack.yaml" in names


def test_wheel_built_from_sdist_carries_the_default_pack(dist):
    wheel = next(dist.glob("turncheck-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"turncheck/default_rules/{p.name}" for p in RULES.glob("*.yaml")} <= names


def test_repo_root_holds_no_wheels():
    assert not list(ROOT.glob("*.whl"))


def test_installed_wheel_checks_fixtures_with_the_default_pack(wheel_venv, tmp_path):
    python = wheel_venv / "bin" / "python"
    where = _run([str(python), "-c", "import turncheck, turncheck.rules.loader as l; "
                  "print(turncheck.__file__); print(l.default_rules_dir())"], cwd=tmp_path).stdout.split()
    assert all(Path(p).resolve().is_relative_to(wheel_venv.resolve()) for p in where), where

    args = ["check", str(FIXTURES), "--no-config", "--format", "json", "-q"]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NO_COLOR")}
    from_wheel = subprocess.run([str(wheel_venv / "bin" / "turncheck"), *args], capture_output=True, text=True,
                                cwd=tmp_path, env=env, timeout=300)
    assert "no such rule file" not in from_wheel.stderr
    assert from_wheel.returncode in (0, 1), from_wheel.stderr
    result = json.loads(from_wheel.stdout)
    assert result["ruleset"]["name"] == "default"
    assert len(result["scorecards"]) >= 30 and not any(c["error"] for c in result["scorecards"])
    assert {r["id"] for r in result["scorecards"][0]["rules"]} == {p.stem for p in RULES.glob("*.yaml")} - {"pack"}
    # the same verdicts, byte for byte, as this checkout's own pack gives
    from_repo = subprocess.run([sys.executable, "-m", "turncheck", *args], capture_output=True, text=True,
                               cwd=tmp_path, env=env, timeout=300)
    assert from_wheel.stdout == from_repo.stdout


def test_wheel_carries_the_review_migrations(dist):
    """`turncheck serve --db` migrates with the Alembic scripts inside the package: they must be in the wheel."""
    wheel = next(dist.glob("turncheck-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    migrations = ROOT / "src" / "turncheck" / "review" / "migrations"
    expected = {"turncheck/review/migrations/env.py", "turncheck/review/migrations/script.py.mako"}
    expected |= {f"turncheck/review/migrations/versions/{p.name}" for p in (migrations / "versions").glob("*.py")}
    assert len(expected) >= 4 and expected <= names
