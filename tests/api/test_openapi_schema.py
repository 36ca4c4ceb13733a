from io import StringIO

from django.core.management import call_command


def test_it_generates_a_valid_schema_without_warnings(db, tmp_path):
    # --fail-on-warn turns any schema warning into an error, so a sloppy serializer fails here.
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target), stdout=StringIO())
    text = target.read_text()
    assert "/api/v1/claims/{claim_id}/verdicts/" in text and "/api/v1/changes/" in text


def test_it_serves_swagger_ui_and_redoc_from_local_files(client, db):
    for url in ("/api/v1/docs/", "/api/v1/redoc/"):
        page = client.get(url).content.decode()
        assert "/static/drf_spectacular_sidecar/" in page
        assert "cdn" not in page.lower()
    assert client.get("/api/v1/schema/").status_code == 200
