"""Headless Chromium for the browser tests, installed on demand.

Debian's ``chromium`` and ``chromium-driver`` are not part of the base image:
when ``/usr/bin/chromium`` is missing and we are root with ``apt-get``, the
session fixture installs them (once, with a time limit). The tests are skipped
only when that really fails, and the skip says why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
APT_TIMEOUT = 900  # seconds for update + install together

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1"]


def _install_chromium() -> str | None:
    """Install Debian's chromium + driver; returns why it could not, or None."""
    if os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER):
        return None
    if os.geteuid() != 0:
        return f"{CHROMIUM} missing and not root: install chromium and chromium-driver"
    apt = shutil.which("apt-get")
    if apt is None:
        return f"{CHROMIUM} missing and no apt-get to install it"
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        for cmd in ([apt, "update"], [apt, "install", "-y", "--no-install-recommends", "chromium", "chromium-driver",
                                      "fonts-dejavu-core", "fonts-liberation"]):
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=APT_TIMEOUT)
            if proc.returncode != 0:
                tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
                return f"{' '.join(cmd[:2])} failed ({proc.returncode}): {' | '.join(tail)}"
    except subprocess.TimeoutExpired as exc:
        return f"{' '.join(exc.cmd[:2])} timed out after {exc.timeout}s"
    except OSError as exc:
        return f"could not run apt-get: {exc}"
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        return "apt-get reported success but chromium/chromedriver are still missing"
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    why = _install_chromium()
    if why:
        pytest.skip(f"no headless Chromium: {why}")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium):
    """A Selenium WebDriver on Debian's chromedriver (no driver download: the path is given)."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed (pip install .[test])")
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_AVOID_STATS", "true")
    profile = tempfile.mkdtemp(prefix="turncheck-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for flag in FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={profile}")
    opts.add_argument("--window-size=1280,900")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
