from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claimreview import services as claimreview_services
from claimreview.markup import rating_to_status
from claimreview.models import ImportedReview
from claims.models import Claim, ClaimStatus, Verdict
from sources.models import Article, Source, SourceKind
from tests.api.fixtures import auth

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    "name, value, best, worst, status",
    [
        ("Falso.", -1, 5, 1, "false"),
        ("Incorrect \r", None, None, None, "false"),
        ("  TRUE ", None, None, None, "confirmed"),
        ("Engañoso", None, None, None, "misleading"),
        ("Partly false", None, None, None, "misleading"),
        ("It is not true that Huawei stopped production.", None, None, None, "false"),
        ("Sin evidencia", None, None, None, "unverifiable"),
        ("", "1", "6", "1", "false"),
        ("", 6, 6, 1, "confirmed"),
        ("", -1, 5, 1, None),
        ("Spicy", None, None, None, None),
    ],
)
def test_it_maps_messy_ratings_to_statuses(name, value, best, worst, status):
    assert rating_to_status(name, value, best, worst) == status


def test_it_imports_an_html_page_and_reports_the_broken_block(db):
    report = claimreview_services.claimreview_import(data=(DATA / "maldita-factcheck.html").read_bytes())
    assert (report.created, report.updated, report.unchanged) == (1, 0, 0)
    assert report.errors == [
        {"where": "block 3", "reason": report.errors[0]["reason"]},
    ]
    assert report.errors[0]["reason"].startswith("not valid JSON")
    claim = Claim.objects.get()
    assert claim.language == "es"
    assert claim.status == ClaimStatus.FALSE
    verdict = claim.current_verdict
    assert verdict.reviewer is None and verdict.organisation.name == "Maldita.es"
    assert "Falso." in verdict.rationale and "maldita.es/malditobulo" in verdict.rationale
    assert verdict.created_at.isoformat().startswith("2025-08-20T07:14")
    origin = claim.links.get()
    assert origin.source.name == "Usuario de X @chipwatcher" and origin.source_kind == SourceKind.PERSON
    assert origin.relation == "said_by"
    assert claim.appearances.count() == 2


def test_it_imports_graph_nesting_author_lists_and_several_appearances(db):
    report = claimreview_services.claimreview_import(data=(DATA / "afp-graph.json").read_bytes())
    assert (report.created, report.errors) == (2, [])
    nvidia = Claim.objects.get(text__startswith="Nvidia")
    assert nvidia.status == ClaimStatus.CONFIRMED
    assert nvidia.current_verdict.organisation.name == "AFP Fact Check"
    assert nvidia.links.get().source.name == "Financial Times"
    assert nvidia.links.get().source.kind == SourceKind.ORGANISATION
    assert sorted(a.article.url for a in nvidia.appearances.all()) == [
        "https://www.ft.com/content/h20-revenue-share",
        "https://www.reuters.com/technology/nvidia-amd-h20-15pct/",
    ]
    assert Article.objects.get(url__contains="ft.com").title.startswith("Nvidia and AMD")
    deepseek = Claim.objects.get(text__startswith="DeepSeek")
    assert deepseek.status == ClaimStatus.FALSE
    assert Source.objects.filter(name="AFP Fact Check").count() == 1


def test_it_reports_unmappable_reviews_and_imports_the_rest(db):
    report = claimreview_services.claimreview_import(data=(DATA / "mixed-ratings.json").read_bytes())
    assert report.created == 2
    reasons = {e["where"]: e["reason"] for e in report.errors}
    assert "no claimReviewed" in reasons["block 1, review 3"]
    assert "'Spicy' does not map" in reasons["block 1, review 4"]
    assert Claim.objects.get(text__contains="generation behind").status == ClaimStatus.MISLEADING
    assert Claim.objects.get(text__contains="yields").status == ClaimStatus.FALSE


def test_it_changes_nothing_when_the_same_file_is_imported_twice(db):
    data = (DATA / "afp-graph.json").read_bytes()
    claimreview_services.claimreview_import(data=data)
    counts = (Claim.objects.count(), Verdict.objects.count(), Source.objects.count(), Article.objects.count())
    again = claimreview_services.claimreview_import(data=data)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert counts == (
        Claim.objects.count(),
        Verdict.objects.count(),
        Source.objects.count(),
        Article.objects.count(),
    )


def test_it_adds_a_verdict_when_the_rating_changed(db):
    data = (DATA / "afp-graph.json").read_bytes()
    claimreview_services.claimreview_import(data=data)
    report = claimreview_services.claimreview_import(data=data.replace(b"Incorrect \\r", b"Misleading"))
    assert (report.updated, report.unchanged) == (1, 1)
    claim = Claim.objects.get(text__startswith="DeepSeek")
    assert claim.status == ClaimStatus.MISLEADING
    assert claim.verdicts.count() == 2 and ImportedReview.objects.count() == 2


def test_it_imports_through_the_api(client_api, edit_key, read_key):
    body = (DATA / "maldita-factcheck.html").read_bytes()
    denied = client_api.post("/api/v1/claimreview/import/", body, content_type="text/html", **auth(read_key))
    assert denied.status_code == 403
    response = client_api.post(
        "/api/v1/claimreview/import/", body, content_type="text/html", **auth(edit_key)
    )
    assert response.status_code == 200
    assert response.json()["created"] == 1 and response.json()["errors"][0]["where"] == "block 3"
    garbage = client_api.post(
        "/api/v1/claimreview/import/", b"{not json", content_type="application/json", **auth(edit_key)
    )
    assert garbage.status_code == 200 and garbage.json()["errors"][0]["reason"].startswith("not valid JSON")
    empty = client_api.post(
        "/api/v1/claimreview/import/", b"", content_type="application/json", **auth(edit_key)
    )
    assert empty.status_code == 400


def test_it_imports_files_by_command(db):
    out, err = StringIO(), StringIO()
    call_command("import_claimreview", str(DATA / "afp-graph.json"), stdout=out, stderr=err)
    assert "2 created" in out.getvalue()
    with pytest.raises(SystemExit):
        call_command("import_claimreview", str(DATA / "maldita-factcheck.html"), stdout=out, stderr=err)
    assert "block 3: not valid JSON" in err.getvalue()


def test_it_imports_a_fact_checkers_page_by_url_through_the_guarded_fetcher(db, settings):
    from tests.sources.webserver import LocalWeb, Reply

    settings.INGEST_DOMAIN_DELAY = 0.0
    settings.INGEST_POLITENESS_REDIS_URL = ""
    web = LocalWeb()
    web.routes["/factcheck/nvidia"] = Reply(
        body=(DATA / "afp-graph.json").read_bytes(), content_type="application/ld+json"
    )
    try:
        out, err = StringIO(), StringIO()
        settings.INGEST_ALLOW_LOOPBACK = (
            False  # as in production: a local address is refused, never contacted
        )
        with pytest.raises(CommandError, match="could not be fetched"):
            call_command("import_claimreview", web.url("/factcheck/nvidia"), stdout=out, stderr=err)
        assert web.hits == []
        settings.INGEST_ALLOW_LOOPBACK = True
        call_command("import_claimreview", web.url("/factcheck/nvidia"), stdout=out, stderr=err)
        assert "2 created" in out.getvalue()
        call_command("import_claimreview", web.url("/factcheck/nvidia"), stdout=out, stderr=err)
        assert "0 created" in out.getvalue().splitlines()[-1]
    finally:
        web.close()


def _reviews(count: int) -> bytes:
    import json

    return json.dumps(
        [
            {
                "@type": "ClaimReview",
                "claimReviewed": f"The plant number {i} closes in May",
                "author": {"@type": "Organization", "name": "Check Desk"},
                "reviewRating": {"alternateName": "False"},
            }
            for i in range(count)
        ]
    ).encode()


def test_d9_one_request_imports_a_bounded_number_of_reviews(client_api, edit_key, settings):
    settings.CLAIMREVIEW_IMPORT_MAX_REVIEWS = 5
    response = client_api.post(
        "/api/v1/claimreview/import/", _reviews(6), content_type="application/json", **auth(edit_key)
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert "6 ClaimReviews" in error["message"] and "at most 5" in error["message"]
    assert not Claim.objects.exists()  # refused whole: nothing half-imported

    response = client_api.post(
        "/api/v1/claimreview/import/", _reviews(5), content_type="application/json", **auth(edit_key)
    )
    assert response.status_code == 200 and response.json()["created"] == 5


def test_d9_the_command_has_no_cap(db, settings, tmp_path):
    settings.CLAIMREVIEW_IMPORT_MAX_REVIEWS = 5
    path = tmp_path / "many.json"
    path.write_bytes(_reviews(7))
    call_command("import_claimreview", str(path), stdout=StringIO())
    assert Claim.objects.count() == 7
