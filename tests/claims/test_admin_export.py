"""The claim list's export (django-import-export): CSV and XLSX of the listed or selected claims."""

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims import services
from claims.export import ClaimExportResource, claim_export_rows
from claims.models import Claim
from tests.api.fixtures import add_evidence
from tests.factories import SourceFactory

EXPORT = reverse("admin:claims_claim_export")
CHANGELIST = reverse("admin:claims_claim_changelist")
HEADERS = ClaimExportResource().get_export_headers()
CSV_FORMAT, XLSX_FORMAT = "0", "1"


def _export_form(client, query: str = "") -> dict:
    """What the export page posts when the desk keeps every column checked."""
    page = client.get(EXPORT + query)
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: "on" for name in form.fields if name.startswith("claimexportresource_")}
    return {**data, "resource": "0"}


def export(client, file_format: str, query: str = ""):
    response = client.post(EXPORT + query, {**_export_form(client, query), "format": file_format})
    assert response.status_code == 200, response.content[:500]
    return response


def csv_rows(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    reader = csv.reader(io.StringIO(response.content.decode("utf-8")))
    header = next(reader)
    assert header == HEADERS
    return [dict(zip(header, line, strict=True)) for line in reader]


@pytest.fixture
def claims(make_claim):
    ft = SourceFactory(name="Financial Times")
    confirmed = make_claim(
        "=cmd|'/c calc'!A1 Huawei lent engineers", status="confirmed", cited=ft, language="ru"
    )
    add_evidence(confirmed, outlet=SourceFactory(name="Nordic Wire"))
    draft = make_claim("DeepSeek moved training to Nvidia", outlet=SourceFactory(name="Coastal Herald"))
    return confirmed, draft


def test_the_list_shows_the_export_button_to_whoever_can_see_it(client, editor, reviewer, claims):
    for user in (editor, reviewer):
        client.force_login(user)
        page = client.get(CHANGELIST)
        assert EXPORT in page.content.decode()
        assert "export_admin_action" in page.content.decode()


def test_an_outsider_cannot_export(client, outsider, claims):
    client.force_login(outsider)
    assert client.get(EXPORT).status_code == 403
    assert client.post(EXPORT, {"format": CSV_FORMAT, "resource": "0"}).status_code == 403


def test_csv_has_one_row_per_claim_with_chain_evidence_and_verdict(client, reviewer, claims):
    confirmed, draft = claims
    client.force_login(reviewer)
    rows = {int(r["id"]): r for r in csv_rows(export(client, CSV_FORMAT))}
    assert set(rows) == {confirmed.pk, draft.pk}
    row = rows[confirmed.pk]
    assert row["text"] == "'=cmd|'/c calc'!A1 Huawei lent engineers"  # never a formula
    assert row["status"] == "Confirmed"
    assert row["verdict"] == "Confirmed"
    assert row["verdict by"] == "reviewer"
    assert (
        "Financial Times — citing — 2 unnamed sources — «people familiar with the matter»"
        in row["attribution chain (outermost first)"]
    )
    assert row["independent supporting origins"] == "Nordic Wire"
    assert (row["evidence (not rejected)"], row["supports"]) == ("1", "1")
    assert rows[draft.pk]["status"] == "Unreviewed"
    assert rows[draft.pk]["verdict"] == ""
    assert rows[draft.pk]["attribution chain (outermost first)"].startswith("Coastal Herald — citing — ")


def test_it_exports_what_the_list_shows_under_its_filters(client, editor, claims):
    confirmed, draft = claims
    client.force_login(editor)
    assert [int(r["id"]) for r in csv_rows(export(client, CSV_FORMAT, "?status__exact=confirmed"))] == [
        confirmed.pk
    ]
    assert [int(r["id"]) for r in csv_rows(export(client, CSV_FORMAT, "?q=Nvidia"))] == [draft.pk]
    assert [int(r["id"]) for r in csv_rows(export(client, CSV_FORMAT, "?language__exact=ru"))] == [
        confirmed.pk
    ]


def test_xlsx_opens_with_the_same_cells(client, editor, claims):
    confirmed, _ = claims
    client.force_login(editor)
    response = export(client, XLSX_FORMAT, "?status__exact=confirmed")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert cells[0] == HEADERS
    assert len(cells) == 2
    row = dict(zip(HEADERS, cells[1], strict=True))
    assert row["id"] == confirmed.pk  # numbers stay numbers
    assert row["text"] == "'=cmd|'/c calc'!A1 Huawei lent engineers"
    assert sheet.cell(row=2, column=HEADERS.index("text") + 1).data_type == "s"  # text, not a formula
    assert row["verdict"] == "Confirmed"
    assert row["created at (UTC)"].replace(microsecond=0) == (
        confirmed.created_at.replace(tzinfo=None, microsecond=0)
    )


def test_the_export_action_exports_the_selected_claims(client, editor, claims):
    confirmed, draft = claims
    client.force_login(editor)
    page = client.post(
        CHANGELIST, {"action": "export_admin_action", "_selected_action": [draft.pk], "index": "0"}
    )
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: "on" for name in form.fields if name.startswith("claimexportresource_")}
    response = client.post(
        EXPORT, {**data, "resource": "0", "format": CSV_FORMAT, "export_items": [draft.pk]}
    )
    assert [int(r["id"]) for r in csv_rows(response)] == [draft.pk]


def test_the_rows_come_in_batches_with_queries_per_batch_not_per_claim(make_claim, reviewer):
    for n in range(5):
        claim = make_claim(f"Claim {n}")
        add_evidence(claim)
    services.verdict_record(
        claim=claim, status="false", rationale="Denied in a filing.", reviewer=reviewer, seen_version=1
    )
    queryset = Claim.objects.order_by("pk")
    with CaptureQueriesContext(connection) as by_two:
        rows = list(claim_export_rows(queryset, batch_size=2))
    assert [r["id"] for r in rows] == list(queryset.values_list("pk", flat=True))
    assert rows[-1]["verdict"] == "False"
    assert all(r["evidence"] == 1 for r in rows)
    with CaptureQueriesContext(connection) as at_once:
        assert list(claim_export_rows(queryset, batch_size=10)) == rows
    # One query for the claims, then the related rows once a batch (one query on PostgreSQL, six on
    # SQLite): three batches of two against one of ten.
    per_batch = len(at_once) - 1
    assert len(by_two) == 1 + 3 * per_batch


def test_control_characters_do_not_break_the_xlsx(client, editor, make_claim):
    make_claim("Pasted\x0btext with a \x01 control character", status="confirmed")
    client.force_login(editor)
    sheet = openpyxl.load_workbook(io.BytesIO(export(client, XLSX_FORMAT).content)).active
    assert sheet.cell(row=2, column=HEADERS.index("text") + 1).value == (
        "Pasted\ufffdtext with a \ufffd control character"
    )
    [row] = csv_rows(export(client, CSV_FORMAT))
    assert row["text"] == "Pasted\x0btext with a \x01 control character"  # CSV holds them as they are
