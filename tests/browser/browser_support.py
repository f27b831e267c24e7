"""Headless Chromium for the browser tests: find it, and start a WebDriver.

Debian's ``chromium`` and ``chromium-driver`` are not part of the base image. Tests never install system
packages: ``.ci/run`` installs them for CI, and a plain ``pytest`` without them skips the browser tests with
the one-line reason :func:`find_chromium` gives.
"""

from __future__ import annotations

import os
import shutil
import tempfile

#: where Debian puts them; also looked up on PATH (chromium / chromium-browser, chromedriver)
CHROMIUM_NAMES = ("/usr/bin/chromium", "chromium", "chromium-browser")
CHROMEDRIVER_NAMES = ("/usr/bin/chromedriver", "chromedriver")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1"]


def _which(names) -> str | None:
    for name in names:
        found = name if os.path.isabs(name) and os.access(name, os.X_OK) else shutil.which(name)
        if found:
            return found
    return None


def find_chromium() -> tuple[str | None, str | None, str | None]:
    """``(chromium, chromedriver, None)`` when both are there, else ``(None, None, why)`` with a one-line reason."""
    chromium, driver = _which(CHROMIUM_NAMES), _which(CHROMEDRIVER_NAMES)
    missing = [name for name, path in (("chromium", chromium), ("chromedriver", driver)) if path is None]
    if missing:
        return None, None, (f"no {' or '.join(missing)} on this machine "
                            "(apt-get install chromium chromium-driver; .ci/run does that for CI)")
    return chromium, driver, None


def start_driver(chromium: str, chromedriver: str, javascript: bool = True):
    """A Selenium WebDriver on Debian's chromedriver (its path is given: Selenium downloads nothing).

    Returns ``(driver, profile_dir)``; the caller quits the driver and removes the profile.
    """
    from selenium import webdriver
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
    if not javascript:
        opts.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=opts)
    driver.set_page_load_timeout(30)
    return driver, profile
