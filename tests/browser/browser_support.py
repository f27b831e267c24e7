"""Headless Chromium for the browser tests: find or install it, and start a WebDriver.

Debian's ``chromium`` and ``chromium-driver`` are not part of the base image:
when ``/usr/bin/chromium`` is missing and we are root with ``apt-get``,
:func:`install_chromium` installs them (once per session, with a time limit).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
APT_TIMEOUT = 900  # seconds for update + install together

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1"]


def install_chromium() -> str | None:
    """Install Debian's chromium + driver when missing; returns why it could not, or None."""
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


def start_driver(javascript: bool = True):
    """A Selenium WebDriver on Debian's chromedriver (its path is given: Selenium downloads nothing).

    Returns ``(driver, profile_dir)``; the caller quits the driver and removes the profile.
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_AVOID_STATS", "true")
    profile = tempfile.mkdtemp(prefix="turncheck-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={profile}")
    opts.add_argument("--window-size=1280,900")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        opts.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(30)
    return driver, profile
