"""Browser-test fixtures: Chromium, drivers, screenshots.

The session fixture ``chromium`` finds Debian's ``chromium`` and
``chromium-driver`` (``.ci/run`` installs them for CI; tests never install
system packages); without them the browser tests are skipped with a one-line
reason. Screenshots go to ``tests/artifacts/`` and their paths are listed at
the end of the run.
"""

from __future__ import annotations

import base64
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))  # report_samples: the shared test data

from browser_support import find_chromium, start_driver  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="session")
def chromium() -> tuple[str, str]:
    """``(chromium, chromedriver)`` paths, or a skip that says what is missing."""
    browser_path, driver_path, why = find_chromium()
    if why:
        pytest.skip(why)
    return browser_path, driver_path


@pytest.fixture(scope="session")
def browser(chromium):
    """A headless Chromium driven by Selenium, for the whole session."""
    pytest.importorskip("selenium", reason="selenium not installed (pip install .[test])")
    driver, profile = start_driver(*chromium)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def browser_noscript(chromium):
    """A second browser with JavaScript turned off: the pages must read fine without it."""
    pytest.importorskip("selenium", reason="selenium not installed (pip install .[test])")
    driver, profile = start_driver(*chromium, javascript=False)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


WRITTEN: list[Path] = []


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def screenshot(browser, artifacts):
    """``screenshot(name, element=None, full=False)``: save a PNG under tests/artifacts for review."""

    def take(name: str, element=None, full: bool = False) -> Path:
        # DevTools capture (no scrolling or window resizing, which can stall a headless renderer)
        path = artifacts / f"{name}.png"
        if element is not None:
            box = browser.execute_script(
                "const r = arguments[0].getBoundingClientRect();"
                "return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height};", element)
        elif full:
            box = browser.execute_script(
                "const d = document.documentElement;"
                "return {x: 0, y: 0, width: d.scrollWidth, height: d.scrollHeight};")
        else:
            box = browser.execute_script("return {x: scrollX, y: scrollY, width: innerWidth, height: innerHeight};")
        clip = {k: round(float(v), 1) for k, v in box.items()}
        clip["height"] = min(clip["height"], 16000.0)
        shot = browser.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True, "clip": dict(clip, scale=1)})
        path.write_bytes(base64.b64decode(shot["data"]))
        WRITTEN.append(path)
        print(f"screenshot: {path}")
        return path

    return take


def pytest_terminal_summary(terminalreporter):
    if WRITTEN:
        terminalreporter.section("browser screenshots (for review)")
        for path in dict.fromkeys(WRITTEN):
            terminalreporter.write_line(str(path))
