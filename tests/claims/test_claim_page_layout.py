"""The claim's admin page reads as prose: chain wording, summary lists, compact read-only evidence."""

import re

import pytest

from claims import services
from claims.models import CorroborationSummary
from claims.wording import link_text
from sources.models import SourceKind
from tests.factories import ArticleFactory, ClaimFactory, EvidenceFactory, SourceFactory


def test_a_link_reads_the_same_in_one_language_everywhere():
    assert link_text(name=None, kind="unnamed", count=2, phrase="со ссылкой на источники") == (
        "2 unnamed sources — «со ссылкой на источники»"
    )
    assert link_text(name=None, kind="unnamed", count=1, phrase="") == "1 unnamed source"
    assert link_text(name=None, kind="unnamed", phrase="  со  ссылкой ") == "unnamed sources — «со ссылкой»"
    assert link_text(name="Financial Times", kind="outlet", phrase="пишет FT") == "Financial Times"
    assert link_text(name="Financial Times", kind="outlet", phrase="пишет FT", detailed=True) == (
        "Financial Times (outlet) — «пишет FT»"
    )
    assert link_text(name="Иван Петров", kind="person", role="глава Huawei", detailed=True) == (
        "Иван Петров (person), глава Huawei"
    )
    assert link_text(name=None, kind="person", role="a ministry spokesman") == "a ministry spokesman"
    assert link_text(name=None, kind="organisation", phrase="according to a filing") == (
        "«according to a filing»"
    )
    assert link_text(name="Nikkei Asia", kind="outlet", new=True) == "Nikkei Asia (new source)"


@pytest.mark.django_db
def test_str_of_a_link_and_the_chain_line_use_that_wording(editor):
    outlet = SourceFactory(name="Вестник ИИ")
    claim = services.claim_create(
        text="Huawei shipped the chips late",
        language="en",
        chain=[
            {"source": outlet.pk},
            {"kind": SourceKind.UNNAMED, "count": 2, "phrase": "со ссылкой на источники"},
        ],
        actor=editor,
    )
    unnamed = claim.links.get(position=1)
    assert str(unnamed) == "2 unnamed sources — «со ссылкой на источники»"
    assert claim.chain_display() == "Вестник ИИ ← 2 unnamed sources — «со ссылкой на источники»"


def _field_block(html: str, name: str) -> str:
    match = re.search(rf'<div class="[^"]*field-{name}[^"]*">(.*?)</div>\s*</div>', html, re.S)
    assert match, f"no {name} field on the page"
    return match[1]


@pytest.mark.django_db
def test_the_summary_on_the_claim_page_is_labels_and_lists_not_json(client, reviewer):
    claim = ClaimFactory()
    CorroborationSummary.objects.create(
        claim=claim,
        supporting_origins=[{"id": None, "name": "Nikkei Asia", "kind": "outlet"}],
        refuting_origins=[],
        denials=[{"id": None, "name": "Huawei", "kind": "organisation"}],
        re_reports={"Financial Times": 2, "Reuters": 1},
        re_report_count=3,
        suggested_grade=3,
        grade_reason="one independent origin",
        needs_rereview=True,
        rereview_reason="new refuting evidence",
    )
    client.force_login(reviewer)

    html = client.get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()

    block = _field_block(html, "corroboration_summary")
    assert "Re-reports: Financial Times ×2, Reuters ×1" in block
    assert "Independent supporting origins: Nikkei Asia" in block and "Denied by: Huawei" in block
    assert "Needs re-review" in block
    for raw in ("[", "{", "&quot;", "Re report", "Needs rereview"):
        assert raw not in block, raw


@pytest.mark.django_db
def test_evidence_on_the_claim_page_is_one_compact_read_only_row(client, editor):
    passage = "Chips arrived late and the training runs failed. " * 12  # ~600 characters
    evidence = EvidenceFactory(
        passage=passage,
        origin=SourceFactory(name="Harbour Tech Review"),
        article=ArticleFactory(title="DeepSeek delays R2", outlet=SourceFactory(name="TechWire Daily")),
    )
    client.force_login(editor)

    html = client.get(f"/admin/claims/claim/{evidence.claim_id}/change/").content.decode()

    assert 'name="evidence-0-passage"' not in html and "<textarea" not in html.split("evidence-group")[1]
    assert 'name="evidence-TOTAL_FORMS"' in html  # the page still saves: every inline posts one
    row = html.split('id="evidence-0"')[1].split("</tr>")[0]
    assert "Harbour Tech Review" in row and "TechWire Daily" in row
    assert f"/admin/claims/evidence/{evidence.pk}/change/" in row  # the link's own page
    # The passage is cut short in the row; the whole text opens in place.
    summary = re.search(r"<summary[^>]*>(.*?)</summary>", row, re.S)[1]
    assert len(summary) < 200 and summary.endswith("…")
    assert " ".join(passage.split()) in row


@pytest.mark.django_db
def test_the_summary_page_shows_times_and_empty_reasons_for_people(client, reviewer):
    from django.utils import timezone

    claim = ClaimFactory()
    CorroborationSummary.objects.create(
        claim=claim, re_reports={"Financial Times": 2}, last_checked_at=timezone.now(), rereview_reason=""
    )
    client.force_login(reviewer)

    summary = CorroborationSummary.objects.get(claim=claim)
    html = client.get(f"/admin/claims/corroborationsummary/{summary.pk}/change/").content.decode()

    assert "Financial Times ×2" in html
    assert f"{summary.last_checked_at:%Y-%m-%d %H:%M}</div>" in html  # not "…:00.489428+00:00"
    assert "+00:00" not in html
    assert re.search(r"field-rereview_why.*?<div class=\"readonly\">—</div>", html, re.S)
