"""A source's track record and suggested grade from a set of verdicts, now and as of a moment before some."""

import pytest
from django.db import connection
from django.utils import timezone

from claims import services
from records.grading import suggest_reliability
from records.selectors import track_records
from sources.models import SourceKind
from tests.factories import ArticleFactory, SourceFactory


@pytest.fixture
def desk(db, reviewer):
    ft = SourceFactory(name="Financial Times", kind=SourceKind.OUTLET, reliability="B")
    vestnik = SourceFactory(name="Вестник ИИ", kind=SourceKind.OUTLET)

    def claim(status=None, *, carrier=vestnik, cited=ft):
        made = services.claim_create(
            text=f"Claim {timezone.now().timestamp()}",
            language="en",
            chain=[
                {"source": carrier},
                {"source": cited},
                {"kind": SourceKind.UNNAMED, "count": 2, "phrase": "people familiar with the matter"},
            ],
            appearances=[{"article": ArticleFactory(outlet=carrier), "span_start": 0, "span_end": 5}],
        )
        if status:
            decide(made, status)
        return made

    def decide(made, status):
        made.refresh_from_db()
        services.verdict_record(
            claim=made, status=status, rationale="Checked.", reviewer=reviewer, seen_version=made.version
        )

    return type(
        "Desk",
        (),
        {"ft": ft, "vestnik": vestnik, "claim": staticmethod(claim), "decide": staticmethod(decide)},
    )


def test_it_counts_outcomes_as_origin_and_as_intermediary(desk):
    for status in ["confirmed", "confirmed", "false", "disputed"]:
        desk.claim(status)
    desk.claim()  # undecided: not in the record
    records = track_records(source_ids=[desk.ft.pk, desk.vestnik.pk])
    ft, vestnik = records[desk.ft.pk], records[desk.vestnik.pk]
    # The FT is the deepest named link (it cited unnamed people): the origin. Вестник passed it on.
    assert ft["as_origin"] == {
        "confirmed": 2, "false": 1, "disputed": 1, "misleading": 0, "unverifiable": 0, "retracted": 0
    }  # fmt: skip
    assert sum(ft["as_intermediary"].values()) == 0
    assert vestnik["as_intermediary"] == ft["as_origin"] and sum(vestnik["as_origin"].values()) == 0
    assert (ft["resolved"], ft["confirmed"], ft["false_or_misleading"], ft["disputed"]) == (4, 2, 1, 1)
    # 3 settled claims as origin: not enough to judge.
    assert ft["suggested_reliability"] == "F" and ft["settled_weight"] == 3
    assert "needs 5" in ft["reliability_reason"]


def test_it_suggests_a_grade_only_with_enough_settled_claims_and_never_touches_the_editors(desk):
    for _ in range(9):
        desk.claim("confirmed")
    desk.claim("false")
    ft = track_records(source_ids=[desk.ft.pk])[desk.ft.pk]
    # (9 + 1) / (10 + 2) = 0.833 over 10 settled: B
    assert ft["smoothed_rate"] == pytest.approx(10 / 12, abs=1e-3) and ft["suggested_reliability"] == "B"
    # As intermediary, each claim weighs half: 5 settled, (4.5 + 1) / (5 + 2) = 0.786: C
    vestnik = track_records(source_ids=[desk.vestnik.pk])[desk.vestnik.pk]
    assert vestnik["settled_weight"] == 5 and vestnik["suggested_reliability"] == "C"
    desk.ft.refresh_from_db()
    assert desk.ft.reliability == "B"


def test_it_reads_the_record_as_of_a_moment_before_some_verdicts(desk):
    first = [desk.claim("confirmed") for _ in range(5)]
    before = track_records(source_ids=[desk.ft.pk])[desk.ft.pk]
    moment = timezone.now()
    for claim in first[:3]:
        desk.decide(claim, "false")  # re-decided later
    desk.claim("misleading")
    now = track_records(source_ids=[desk.ft.pk])[desk.ft.pk]
    assert now["as_origin"]["confirmed"] == 2 and now["as_origin"]["false"] == 3
    then = track_records(source_ids=[desk.ft.pk], as_of=moment)[desk.ft.pk]
    assert {k: v for k, v in then.items() if k != "as_of"} == {
        k: v for k, v in before.items() if k != "as_of"
    }
    assert then["as_origin"]["confirmed"] == 5 and then["suggested_reliability"] == "C"


def test_the_rule_says_f_until_enough_and_then_grades_by_the_smoothed_rate():
    assert suggest_reliability(as_origin={"confirmed": 4}, as_intermediary={}).grade == "F"
    assert suggest_reliability(as_origin={}, as_intermediary={"confirmed": 9}).grade == "F"  # 4.5 settled
    assert suggest_reliability(as_origin={"confirmed": 30}, as_intermediary={}).grade == "A"
    assert suggest_reliability(as_origin={"confirmed": 9}, as_intermediary={}).grade == "C"  # 0.91, but < 10
    assert suggest_reliability(as_origin={"false": 5, "confirmed": 1}, as_intermediary={}).grade == "E"
    assert suggest_reliability(as_origin={"disputed": 50}, as_intermediary={}).grade == "F"  # not settled


def test_it_shows_the_record_in_the_api_as_of_a_moment(client_api, desk):
    for _ in range(5):
        desk.claim("confirmed")
    moment = timezone.now()
    desk.claim("false")
    body = client_api.get(f"/api/v1/sources/{desk.ft.pk}/").json()
    assert body["reliability"] == "B" and body["track_record"]["as_origin"]["false"] == 1
    then = client_api.get(f"/api/v1/sources/{desk.ft.pk}/", {"as_of": moment.isoformat()}).json()
    assert then["track_record"]["as_origin"] == {**body["track_record"]["as_origin"], "false": 0}
    assert then["track_record"]["suggested_reliability"] == "C"
    assert client_api.get("/api/v1/sources/", {"as_of": "soon"}).status_code == 400


@pytest.mark.parametrize("n", [1, 30])
def test_it_lists_track_records_in_constant_queries(client_api, desk, django_assert_max_num_queries, n):
    for i in range(n):
        source = SourceFactory(name=f"Outlet {i:03d}")
        desk.claim("confirmed", cited=source)
    for params in ({}, {"as_of": timezone.now().isoformat()}):
        with django_assert_max_num_queries(3):  # sources + aliases + the page's records
            body = client_api.get("/api/v1/sources/", {"page_size": 100, **params}).json()
        assert len(body["results"]) == n + 2


def test_the_admin_page_charts_the_record_without_loading_anything(client, desk, django_user_model):
    claims = [desk.claim("confirmed") for _ in range(3)]
    desk.decide(claims[0], "false")
    admin_user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(admin_user)
    page = client.get(f"/admin/sources/source/{desk.ft.pk}/change/").content.decode()
    assert "<svg" in page and "polyline" in page and "Suggested reliability: F" in page
    assert "B — usually reliable" in page  # the editor's grade, beside it
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in svg
    listing = client.get("/admin/sources/source/").content.decode()
    assert "suggested reliability" in listing.lower()
    assert connection.vendor in {"postgresql", "sqlite"}
