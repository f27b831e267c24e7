"""Tests never install system packages: CI's own script does, and a plain pytest skips what it cannot run."""

from __future__ import annotations

import importlib.util
import re
import stat

from helpers import ROOT

#: a package manager named as a whole string literal, the way a subprocess command list or shutil.which names it
PACKAGE_MANAGER = re.compile(r"""["'](apt-get|apt|dpkg|yum|dnf|apk|brew)["']""")


def _browser_support():
    spec = importlib.util.spec_from_file_location("browser_support_under_test",
                                                  ROOT / "tests" / "browser" / "browser_support.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_test_code_runs_a_package_manager():
    offenders = [str(path.relative_to(ROOT)) for folder in ("tests", "examples") for path in (ROOT / folder).rglob("*.py")
                 if path.name != "test_ci.py" and PACKAGE_MANAGER.search(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_without_chromium_the_browser_tests_get_a_one_line_reason(monkeypatch, tmp_path):
    support = _browser_support()
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(support, "CHROMIUM_NAMES", ("chromium",))
    monkeypatch.setattr(support, "CHROMEDRIVER_NAMES", ("chromedriver",))
    chromium, driver, why = support.find_chromium()
    assert (chromium, driver) == (None, None)
    assert "\n" not in why and "chromium" in why and "chromedriver" in why

    for name in ("chromium", "chromedriver"):  # both there: found on PATH, no reason
        exe = tmp_path / name
        exe.write_text("#!/bin/sh\n")
        exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    assert support.find_chromium() == (str(tmp_path / "chromium"), str(tmp_path / "chromedriver"), None)


def test_ci_installs_chromium_before_the_test_command_and_survives_failure():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    update, install, call = ci.index("apt-get update"), ci.index("apt-get install"), ci.index("\ninstall_chromium\n")
    assert update < install < call < ci.index("python -m pytest")
    assert "chromium chromium-driver" in ci
    body = ci[ci.index("install_chromium() {"):call]
    assert "browser tests will be skipped" in body and body.rstrip().endswith("return 0\n}")
