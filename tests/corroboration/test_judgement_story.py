"""Issue 16's story, written for the test and served by a real local HTTP server: one origin sourced to
unnamed people, re-reported in three languages and through an intermediary, a syndicated copy, an
independent confirmation with its own sources, a denial by the subject and a distractor about the same
company; and a statement claim whose speaker another outlet quotes on the record."""

import pytest

from claims.models import Evidence, Independence, Stance
from claims.services import claim_create
from corroboration.services import claim_corroborate
from sources.models import Source, SourceAlias, SourceKind
from tests.corroboration import corroboration_story as story_kit

SOURCES = {
    "ledger": ("Harbor Ledger", SourceKind.OUTLET, ["港灣紀事報", "Гарбор Леджер"]),
    "oglyad": ("Техноогляд", SourceKind.OUTLET, []),
    "keji": ("科技日报网", SourceKind.OUTLET, []),
    "tribune": ("Metro Tribune", SourceKind.OUTLET, []),
    "reuters": ("Reuters", SourceKind.OUTLET, []),
    "mirror": ("Техно Дзеркало", SourceKind.OUTLET, []),
    "bbj": ("Bay Business Journal", SourceKind.OUTLET, []),
    "northwind": ("Northwind", SourceKind.ORGANISATION, []),
    "glimmer": ("Glimmer Robotics", SourceKind.ORGANISATION, []),
    "whitfield": ("Dana Whitfield", SourceKind.PERSON, []),
}

UK_TEXT = (
    "Компанія Northwind веде переговори про купівлю Glimmer Robotics за 2 мільярди доларів, пише Harbor Ledger "
    "з посиланням на трьох обізнаних джерел. За даними видання, угоду можуть оголосити вже в червні."
)


def _article(key, outlet, language, published, title, paragraphs):
    return {
        "key": key,
        "path": f"/{outlet}/{key}",
        "outlet": outlet,
        "language": language,
        "published": published,
        "title": title,
        "paragraphs": paragraphs,
    }


ARTICLES = [
    _article(
        "origin",
        "ledger",
        "en",
        "2025-05-02T06:00:00",
        "Northwind in talks to buy Glimmer Robotics",
        [
            "Northwind is in talks to buy Glimmer Robotics for about $2 billion, according to three people familiar "
            "with the matter. A deal could be announced in June, the people said.",
            "Northwind chief executive Dana Whitfield said on Thursday the company would double its robotics staff "
            "this year.",
        ],
    ),
    _article("uk", "oglyad", "uk", "2025-05-02T09:00:00", "Northwind купує Glimmer Robotics", [UK_TEXT]),
    _article("copy", "mirror", "uk", "2025-05-02T10:00:00", "Northwind купує Glimmer Robotics", [UK_TEXT]),
    _article(
        "zh",
        "keji",
        "zh",
        "2025-05-02T11:00:00",
        "Northwind洽购Glimmer Robotics",
        [
            "據英國《港灣紀事報》報道，Northwind正在洽談以約20億美元收購Glimmer Robotics，三名知情人士透露，交易最快可能在6月宣布。",
        ],
    ),
    _article(
        "intermediary",
        "tribune",
        "en",
        "2025-05-02T12:00:00",
        "Northwind eyes Glimmer Robotics deal",
        [
            "Northwind is in talks to buy Glimmer Robotics for about $2 billion, Reuters reported on Friday, citing "
            "the Harbor Ledger. A deal could come as soon as June.",
        ],
    ),
    _article(
        "independent",
        "bbj",
        "en",
        "2025-05-03T08:00:00",
        "Northwind nears Glimmer Robotics purchase",
        [
            "Northwind is negotiating to acquire Glimmer Robotics for close to $2 billion, two executives briefed on "
            "the talks told the Bay Business Journal. The executives said lawyers were drafting the agreement.",
        ],
    ),
    _article(
        "denial",
        "reuters",
        "en",
        "2025-05-04T08:00:00",
        "Northwind denies Glimmer Robotics talks",
        [
            "Northwind denied on Saturday that it was in talks to buy Glimmer Robotics, calling the reports "
            "speculation.",
        ],
    ),
    _article(
        "distractor",
        "bbj",
        "en",
        "2025-05-03T09:00:00",
        "Northwind opens Ohio warehouse",
        [
            "Northwind opened a new warehouse in Columbus, Ohio, on Friday, adding 300 jobs, a company spokesperson "
            "said. The site will serve retailers in the Midwest.",
        ],
    ),
    _article(
        "onrecord",
        "bbj",
        "en",
        "2025-05-05T08:00:00",
        "Northwind to double robotics staff",
        [
            '"We will double our robotics staff this year," Dana Whitfield, Northwind\'s chief executive, said in an '
            "interview with the Bay Business Journal on Monday.",
        ],
    ),
]


@pytest.fixture
def northwind(db, monkeypatch):
    monkeypatch.setattr(story_kit, "ARTICLES", ARTICLES)
    sources = {}
    for key, (name, kind, aliases) in SOURCES.items():
        sources[key] = Source.objects.create(name=name, kind=kind)
        for alias in aliases:
            SourceAlias.objects.create(source=sources[key], name=alias)
    with story_kit.StoryServer() as server:
        articles = story_kit.fetch_articles(server.base, sources)
    return sources, articles


def _judged(claim, articles):
    keys = {a.pk: k for k, a in articles.items()}
    return {
        keys[e.article_id]: (e.stance, e.independence, e.origin.name if e.origin else None)
        for e in Evidence.objects.filter(claim=claim).select_related("origin")
    }


@pytest.mark.django_db
def test_one_anonymous_origin_its_re_reports_a_copy_a_confirmation_and_a_denial(northwind, encoder):
    sources, articles = northwind
    origin = articles["origin"]
    claim = claim_create(
        text="Northwind is in talks to buy Glimmer Robotics for about $2 billion",
        language="en",
        chain=[
            {"source": sources["ledger"].pk, "relation": "reported_by"},
            {"kind": "unnamed", "count": 3, "phrase": "according to three people familiar with the matter"},
        ],
        appearances=[{"article": origin.pk, "span_start": 0, "span_end": origin.text.index(",")}],
        entities=[
            {"name": "Northwind", "source": sources["northwind"].pk},
            {"name": "Glimmer Robotics", "source": sources["glimmer"].pk},
        ],
    )
    summary = claim_corroborate(claim=claim)["summary"]
    judged = _judged(claim, articles)
    assert judged["uk"][1:] == (Independence.RE_REPORT, "Harbor Ledger")
    assert judged["zh"][1:] == (Independence.RE_REPORT, "Harbor Ledger")
    # "Reuters reported, citing the Harbor Ledger": the origin is the Ledger, not Reuters
    assert judged["intermediary"][1:] == (Independence.RE_REPORT, "Harbor Ledger")
    assert judged["copy"][1] == Independence.SYNDICATED
    assert judged["independent"][1:] == (Independence.INDEPENDENT, "Bay Business Journal")
    assert judged["denial"][0] == Stance.DENIED
    assert [ref["name"] for ref in summary["supporting_origins"]] == ["Bay Business Journal"]
    assert [ref["name"] for ref in summary["denials"]] == ["Northwind"]
    assert summary["re_reports"].get("Harbor Ledger", 0) >= 3


@pytest.mark.django_db
def test_a_speaker_quoted_on_the_record_confirms_the_statement(northwind):
    sources, articles = northwind
    origin = articles["origin"]
    at = origin.text.index("Northwind chief executive")
    claim = claim_create(
        text="Northwind will double its robotics staff this year",
        language="en",
        kind="statement",
        chain=[
            {"source": sources["ledger"].pk, "relation": "reported_by"},
            {"source": sources["whitfield"].pk, "relation": "said_by", "phrase": "Dana Whitfield said"},
        ],
        appearances=[{"article": origin.pk, "span_start": at, "span_end": len(origin.text)}],
        entities=[{"name": "Northwind", "source": sources["northwind"].pk}],
    )
    claim_corroborate(claim=claim)
    judged = _judged(claim, articles)
    assert judged["onrecord"][1:] == (Independence.INDEPENDENT, "Bay Business Journal")
