"""The generated pages in a real browser: DOM, links, filters, sorting, no console errors, screenshots."""

from __future__ import annotations

import pytest

import report_samples as S

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pages(tmp_path_factory, artifacts):
    """The scorecard page, the dashboard and the hostile page, written where a reviewer can open them."""
    from turncheck.report.dashboard import build_report

    out = {}
    out["scorecard"] = artifacts / "scorecard.html"
    out["scorecard"].write_text(S.render("html", S.sample_set(), rules=S.RULES), encoding="utf-8")
    results = tmp_path_factory.mktemp("results") / "fleet.jsonl"
    S.write_jsonl(results, S.fleet())
    out["dashboard"] = artifacts / "dashboard.html"
    with open(out["dashboard"], "w", encoding="utf-8") as fh:
        build_report([str(results)], "html", fh)
    card, transcript = S.hostile()
    out["hostile"] = artifacts / "hostile.html"
    out["hostile"].write_text(S.render("html", [(card, transcript)]), encoding="utf-8")
    return out


def open_page(browser, path):
    browser.get_log("browser")  # drop messages of earlier pages
    browser.get(path.as_uri())
    assert browser.execute_script("return document.readyState") == "complete"
    # smooth scrolling moves targets while WebDriver clicks them: jump instead
    browser.execute_script("document.documentElement.style.scrollBehavior = 'auto'")


def console_errors(browser):
    return [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


def visible_rows(browser, table_id):
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('#' + arguments[0] + ' tbody tr'))"
        ".filter(r => !r.hidden && r.offsetParent !== null).map(r => r.getAttribute('data-status'));", table_id)


def select(browser, css, value):
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("css selector", css)).select_by_value(value)


def test_scorecard_dom(browser, pages, screenshot):
    open_page(browser, pages["scorecard"])
    by = "css selector"
    assert len(browser.find_elements(by, "#t0 table.findings tbody tr")) == len(S.RULES)
    assert len(browser.find_elements(by, "#overview-table tbody tr")) == 4
    marks = browser.find_elements(by, "#t0 mark")
    assert len(marks) >= 6
    assert browser.find_elements(by, "#t0 mark.m-trigger") and browser.find_elements(by, "#t0 mark.m-near")
    assert browser.find_element(by, "#t0 mark.m-trigger").text == "I was charged twice for my card renewal"
    assert browser.find_elements(by, "#t0 svg.tl")  # the timeline of the timed call
    assert "overlap 0.9 s" in browser.find_element(by, "#t0-u3").text
    assert browser.find_element(by, "#t2 .errbox").text.startswith("parse error at line 3")
    assert not console_errors(browser)
    screenshot("scorecard-full", full=True)
    screenshot("scorecard-call", browser.find_element(by, "#t0"))
    screenshot("scorecard-chat", browser.find_element(by, "#t1"))


def test_finding_links_jump_to_the_highlighted_evidence(browser, pages):
    open_page(browser, pages["scorecard"])
    link = browser.find_element("css selector", "#t0-r1 .evl a")  # apology: the trigger
    target = link.get_attribute("href").split("#", 1)[1]
    link.click()
    assert browser.execute_script("return location.hash") == "#" + target
    mark = browser.find_element("id", target)
    assert mark.tag_name == "mark" and "m-trigger" in mark.get_attribute("class")
    in_view = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;", mark)
    assert in_view
    back = browser.find_element("css selector", "#t0-u2 .tags a")
    back.click()
    assert browser.execute_script("return location.hash") == "#t0-r1"


def test_filters_and_sorting(browser, pages, screenshot):
    open_page(browser, pages["scorecard"])
    by = "css selector"
    box = browser.find_element(by, ".filters")
    assert box.is_displayed()  # the script reveals the controls
    count = browser.find_element(by, ".filters .count")
    assert count.text == "showing 4 of 4"
    select(browser, "select[data-attr=data-status]", "fail")
    assert visible_rows(browser, "overview-table") == ["fail", "fail"] and count.text == "showing 2 of 4"
    select(browser, "select[data-attr=data-status]", "pass")
    assert visible_rows(browser, "overview-table") == ["pass"]
    select(browser, "select[data-attr=data-status]", "")
    rules = {o.text: o.get_attribute("value") for o in browser.find_elements(by, "select[data-attr=data-fails] option")}
    select(browser, "select[data-attr=data-fails]", rules["apology"])
    assert len(visible_rows(browser, "overview-table")) == 2
    select(browser, "select[data-attr=data-fails]", rules["no-blame-shifting"])
    assert len(visible_rows(browser, "overview-table")) == 1
    screenshot("scorecard-filtered", browser.find_element(by, "#overview"))
    select(browser, "select[data-attr=data-fails]", "")
    score = browser.find_element(by, "#overview-table thead th:nth-child(5) button")
    score.click()
    first = browser.find_element(by, "#overview-table tbody tr").get_attribute("data-status")
    assert first == "fail"  # lowest score first (the error has no score: last)
    assert browser.find_element(by, "#overview-table thead th:nth-child(5)").get_attribute("aria-sort") == "ascending"
    score.click()
    assert browser.find_element(by, "#overview-table tbody tr").get_attribute("data-status") == "pass"
    assert not console_errors(browser)


def test_hostile_text_stays_text(browser, pages, screenshot):
    from selenium.common.exceptions import NoAlertPresentException

    open_page(browser, pages["hostile"])
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    assert browser.execute_script("return document.images.length") == 0
    assert browser.execute_script("return document.scripts.length") == 1
    assert "<script>alert(1)</script>" in browser.find_element("css selector", ".tx-head").text
    assert not console_errors(browser)
    screenshot("hostile", full=True)


def test_dashboard(browser, pages, screenshot):
    open_page(browser, pages["dashboard"])
    by = "css selector"
    assert len(browser.find_elements(by, "svg.chart")) == 4
    bars = browser.find_elements(by, "svg.hbars rect.bar")
    assert len(bars) == len(S.RULES)
    assert len(browser.find_elements(by, "#worst tbody tr")) == 10
    assert len(browser.find_elements(by, "#agents tbody tr")) == len(S.AGENTS)
    link = browser.find_element(by, "#worst tbody a")
    assert link.get_attribute("href").startswith("file://") and link.get_attribute("href").endswith(".vtt")
    assert not console_errors(browser)
    screenshot("dashboard", full=True)


def test_readable_without_scripts(browser_noscript, pages):
    b = browser_noscript
    b.get(pages["scorecard"].as_uri())
    by = "css selector"
    assert not b.find_element(by, ".filters").is_displayed()  # controls that need a script stay hidden
    assert len([r for r in b.find_elements(by, "#overview-table tbody tr") if r.is_displayed()]) == 4
    assert b.find_element(by, "#t0 mark.m-trigger").is_displayed()
    assert "no agent apology" in b.find_element(by, "#t0-r1").text
    assert not b.find_elements(by, "th button.sort")


def test_sections_dead_air_and_talk_distributions(browser, artifacts, tmp_path, screenshot):
    """A timed call under the evaluation-form pack: the shaded silence and talk-over are drawn where the
    timeline says, the sections table shows, and the dashboard draws one histogram per talk metric."""
    import json

    from turncheck import Checker, load_rules
    from turncheck.report.dashboard import build_report
    from turncheck.transcripts import ImportOptions, parse_file

    from helpers import FIXTURES, ROOT

    checker = Checker(load_rules([ROOT / "examples" / "evaluation-form"]))
    paths = sorted((FIXTURES / "calls").iterdir()) + sorted((FIXTURES / "chats").iterdir())
    items = [(checker.check(t), t) for t in (parse_file(str(p), ImportOptions()) for p in paths)]
    call = next(k for k, p in enumerate(paths) if p.name == "talk-metrics.vtt")
    page = artifacts / "scorecard-sections.html"
    page.write_text(S.render("html", items, rules=checker.rules), encoding="utf-8")
    open_page(browser, page)
    by = "css selector"
    silence = browser.find_element(by, f"#t{call} svg.tl rect.silence")
    lane = browser.find_element(by, f"#t{call} svg.tl rect.lanebg")
    # 8 of the call's 27.5 seconds: the shading is that share of the lane's width, and visibly filled
    assert silence.rect["width"] / lane.rect["width"] == pytest.approx(8 / 27.5, abs=0.01)
    assert float(browser.execute_script("return getComputedStyle(arguments[0]).opacity", silence)) > 0.1
    assert browser.find_elements(by, f"#t{call} svg.tl rect.ov")
    assert "Talk metrics" in browser.find_element(by, f"#t{call} .metrics").text
    assert len(browser.find_elements(by, f"#t{call} table.sections tbody tr")) == 4
    chat = next(k for k, p in enumerate(paths) if p.suffix == ".txt")
    assert not browser.find_elements(by, f"#t{chat} svg.tl")
    assert "n/a" in browser.find_element(by, f"#t{chat} .metrics").text
    assert not console_errors(browser)
    screenshot("scorecard-sections-call", browser.find_element(by, f"#t{call}"))

    results = tmp_path / "r.jsonl"
    results.write_text("".join(json.dumps(c.to_json_dict()) + "\n" for c, _ in items), encoding="utf-8")
    dash = artifacts / "dashboard-talk.html"
    with open(dash, "w", encoding="utf-8") as fh:
        build_report([str(results)], "html", fh)
    open_page(browser, dash)
    figures = browser.find_elements(by, "#talk figure.dist svg")
    assert len(figures) == 5 and all(f.rect["height"] > 60 for f in figures)
    assert len(browser.find_elements(by, "#sections svg.hbars rect.bar")) == 4
    assert not console_errors(browser)
    screenshot("dashboard-talk", browser.find_element(by, "#talk"))
