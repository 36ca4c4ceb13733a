"""A reviewer works a demo claim's dossier in a real (headless) chromium at 1,400 px."""

import io

import pytest

pytest.importorskip("selenium", reason="selenium is in the dev extra: pip install -r requirements.lock")

from django.core.management import call_command  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from claims.models import Claim, Evidence, ReviewState
from tests.migration_data import restore_groups

from .driver import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    restore_groups()  # a transactional test flushed the groups the migration made
    out = io.StringIO()
    call_command("load_demo", stdout=out, stderr=out)
    call_command("ingest_demo", stdout=out, stderr=out)
    return Claim.objects.get(text__startswith="DeepSeek отложил выпуск модели R2")


def submit(browser, button) -> str:
    """Click a submit button and return the messages of the page that answers it: wait for the page
    holding the button to go first, or the old page's messages ("Rejected evidence") are read — or go
    stale while being read — before the new page arrives."""
    page = browser.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(browser, 15).until(expected_conditions.staleness_of(page))
    return feedback(browser)


def feedback(browser) -> str:
    """The page's messages or form errors, once the page after a submit has them."""
    found = WebDriverWait(browser, 15).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "ul.messagelist, ul.errorlist")
    )
    return " ".join(element.text for element in found)


def no_horizontal_scroll(browser) -> bool:
    return browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def test_it_lets_a_reviewer_decide_from_the_dossier(browser, live_server, demo):
    log_in(browser, live_server.url, "reviewer", "claimtracker-reviewer")
    browser.get(f"{live_server.url}/admin/claims/claim/")
    assert no_horizontal_scroll(browser)
    row = browser.find_element(By.XPATH, f"//a[@href='/admin/claims/claim/{demo.pk}/dossier/']")
    row.click()
    WebDriverWait(browser, 15).until(lambda b: b.find_elements(By.ID, "origin-tree"))
    assert browser.current_url.endswith(f"/admin/claims/claim/{demo.pk}/dossier/")
    assert no_horizontal_scroll(browser)

    tree = browser.find_element(By.ID, "origin-tree")
    groups = tree.find_elements(By.CSS_SELECTOR, "details.ct-group")
    origin_groups = [
        g
        for g in groups
        if "re-report"
        in g.find_element(By.TAG_NAME, "summary").text
        + (g.find_element(By.TAG_NAME, "summary").get_attribute("innerHTML") or "")
    ]
    assert len(origin_groups) == 1
    group = origin_groups[0]
    summary_svg = group.find_element(By.TAG_NAME, "summary").get_attribute("innerHTML")
    assert "2 re-reports of Financial Times" in summary_svg
    assert group.get_attribute("open") is None  # collapsed with its count
    group.find_element(By.TAG_NAME, "summary").click()
    assert group.get_attribute("open") == "true"
    inside = group.get_attribute("innerHTML")
    assert "TechWire Daily" in inside and "Harbour Tech Review" in inside and "syndicated copy" in inside
    svg = tree.get_attribute("innerHTML")
    assert (
        "Independent confirmations" in svg
        and "Asia Chip Wire" in svg
        and "“citing two people familiar”" in svg
    )
    assert "Denied by the subject" in svg and "DeepSeek" in svg
    timeline = browser.find_element(By.ID, "timeline").get_attribute("innerHTML")
    assert "Financial Times" in timeline and "Asia Chip Wire" in timeline and "DeepSeek (denied)" in timeline
    assert no_horizontal_scroll(browser)

    # The machine linked an unrelated Bloomberg piece as "independent": reject it in place.
    bloomberg = Evidence.objects.get(claim=demo, article__outlet__name="Bloomberg")
    row = browser.find_element(By.ID, f"evidence-{bloomberg.pk}")
    assert "Rejected evidence" in submit(browser, row.find_element(By.CSS_SELECTOR, "button[value=reject]"))
    assert browser.current_url.split("#")[0].endswith(f"/claims/claim/{demo.pk}/dossier/")
    bloomberg.refresh_from_db()
    assert bloomberg.review_state == ReviewState.REJECTED
    assert bloomberg.decided_by.username == "reviewer"
    assert "Bloomberg" not in browser.find_element(By.ID, "origin-tree").get_attribute("innerHTML")

    # Record a verdict resting on the independent report.
    version = Claim.objects.get(pk=demo.pk).version
    chipwire = Evidence.objects.get(claim=demo, article__outlet__name="Asia Chip Wire")
    browser.find_element(By.CSS_SELECTOR, f"input[name=evidence][value='{chipwire.pk}']").click()
    Select(browser.find_element(By.NAME, "status")).select_by_value("disputed")
    browser.find_element(By.NAME, "rationale").send_keys(
        "One independent report with its own sources, against the subject's denial; the rest repeat the FT."
    )
    assert "Recorded the verdict" in submit(browser, browser.find_element(By.NAME, "record"))
    claim = Claim.objects.get(pk=demo.pk)
    assert claim.status == "disputed" and claim.version > version
    verdict = claim.verdicts.latest()
    assert verdict.reviewer.username == "reviewer" and verdict.claim_version == version
    assert list(verdict.evidence.all()) == [chipwire]
    assert no_horizontal_scroll(browser)


def test_it_shows_the_dossier_button_on_the_claim_page(browser, live_server, demo):
    log_in(browser, live_server.url, "reviewer", "claimtracker-reviewer")
    browser.get(f"{live_server.url}/admin/claims/claim/{demo.pk}/change/")
    browser.find_element(
        By.CSS_SELECTOR, f".object-tools a[href='/admin/claims/claim/{demo.pk}/dossier/']"
    ).click()
    assert browser.find_element(By.ID, "origin-tree")
    assert no_horizontal_scroll(browser)
