"""The review workspace in headless Chromium: review a transcript, override two findings, dispute one,
see the calibration and export the labels that ``turncheck evaluate`` reads."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """uvicorn on loopback serving the review app mounted at /review, over a results file of fixtures/chats."""
    pytest.importorskip("uvicorn", reason="the review workspace needs the serve extra (pip install '.[test]')")
    import uvicorn
    from starlette.applications import Starlette
    from starlette.routing import Mount

    from turncheck.review import create_review_app, import_results
    from turncheck.review.db import forget_engines

    folder = tmp_path_factory.mktemp("review-browser")
    shutil.copytree(ROOT / "fixtures" / "chats", folder / "chats")
    subprocess.run([sys.executable, "-m", "turncheck", "check", "chats", "--format", "jsonl", "-o", "results.jsonl"],
                   cwd=folder, check=False, capture_output=True)
    url = str(folder / "review.sqlite3")
    assert import_results(folder / "results.jsonl", db_url=url) == 7
    app = Starlette(routes=[Mount("/review", app=create_review_app(db_url=url))])
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/review", folder, url
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        forget_engines()


def click(browser, element):
    """Click without racing the page's smooth scrolling (it moves targets while WebDriver clicks them)."""
    browser.execute_script("document.documentElement.style.scrollBehavior = 'auto';"
                           "arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def follow(browser, element):
    """Click a link or a form's button and wait for the page it leads to (a find right after a click can
    otherwise run on the page being left, or between the two)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    old = browser.find_element(By.TAG_NAME, "html")
    click(browser, element)
    WebDriverWait(browser, 30).until(EC.staleness_of(old))
    WebDriverWait(browser, 30).until(lambda b: b.execute_script("return document.readyState") == "complete")


def review_row(browser, rule):
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, f'#review tr[data-rule="{rule}"]')


def override(browser, rule, status, note, name="Ann"):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    row = review_row(browser, rule)
    who = row.find_element(By.CSS_SELECTOR, "form.verdict input[name=reviewer]")
    browser.execute_script("document.documentElement.style.scrollBehavior = 'auto';"
                           "arguments[0].scrollIntoView({block: 'center'});", who)
    who.clear()
    who.send_keys(name)
    row.find_element(By.CSS_SELECTOR, "form.verdict input[name=note]").send_keys(note)
    Select(row.find_element(By.CSS_SELECTOR, "form.verdict select[name=status]")).select_by_value(status)
    follow(browser, row.find_element(By.CSS_SELECTOR, "form.verdict button[value=override]"))


def test_review_override_dispute_calibrate_and_export(browser, workspace, screenshot):
    from selenium.webdriver.common.by import By

    from turncheck.evaluate import load_labels

    base, folder, _ = workspace
    browser.get(base + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Review queue"
    first = browser.find_element(By.CSS_SELECTOR, "#queue tbody tr a")
    assert first.text == "chats/courier-blame.txt"  # failed first
    follow(browser, first)
    assert browser.find_elements(By.CSS_SELECTOR, ".conv mark")  # the scorecard's highlighted conversation
    override(browser, "apology", "pass", "apologised in other words")
    assert "overridden: pass" in browser.find_element(By.CSS_SELECTOR, ".flash").text
    override(browser, "thanks", "fail", "no thanks at the end")
    row = review_row(browser, "thanks")
    assert "no thanks at the end" in row.text and "Ann" in row.text
    assert review_row(browser, "apology").find_elements(By.CSS_SELECTOR, "a.waiver")  # dismissed: waiver link
    dispute = review_row(browser, "restatement")
    click(browser, dispute.find_element(By.TAG_NAME, "summary"))
    dispute.find_element(By.CSS_SELECTOR, "form.dispute input[name=agent]").send_keys("Sam")
    dispute.find_element(By.CSS_SELECTOR, "form.dispute input[name=note]").send_keys("I restated the order number")
    follow(browser, dispute.find_element(By.CSS_SELECTOR, "form.dispute button"))
    assert "open dispute" in review_row(browser, "restatement").text
    screenshot("review-transcript", full=True)
    follow(browser, browser.find_element(By.LINK_TEXT, "Calibration"))
    screenshot("review-calibration", full=True)
    ann = browser.find_elements(By.CSS_SELECTOR, '#vs-pack tr[data-reviewer="Ann"]')
    assert len(ann) == 2 and all(r.find_element(By.CSS_SELECTOR, ".kappa").text == "0.00" for r in ann)
    link = browser.find_element(By.LINK_TEXT, "Export labels").get_attribute("href")
    # the link is a download (Content-Disposition: attachment): fetch it with the browser's session cookie
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(link, headers={"Cookie": cookie}), timeout=10) as resp:
        assert resp.headers["Content-Disposition"] == 'attachment; filename="labels.jsonl"'
        labels = resp.read().decode("utf-8")
    out = folder / "labels.jsonl"
    out.write_text(labels, encoding="utf-8")
    (line,) = load_labels(out)
    assert line.path.resolve() == (folder / "chats" / "courier-blame.txt").resolve()
    assert line.labels == {"apology": "pass", "thanks": "fail"}
    ev = subprocess.run([sys.executable, "-m", "turncheck", "evaluate", "chats", "--labels", str(out), "--format",
                         "json"], cwd=folder, capture_output=True, text=True)
    assert ev.returncode == 0, ev.stderr
    assert {r["rule"]: r["n"] for r in json.loads(ev.stdout)["rules"]} == {"apology": 1, "thanks": 1}
