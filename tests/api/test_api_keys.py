from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from api.models import ApiKey, api_key_hash
from tests.api.fixtures import auth


def test_it_creates_a_key_by_command_and_stores_only_its_hash(db, editor):
    out = StringIO()
    call_command(
        "create_api_key",
        "--name",
        "Data desk",
        "--scope",
        "edit",
        "--user",
        "editor",
        stdout=out,
        stderr=StringIO(),
    )
    raw = out.getvalue().strip()
    key = ApiKey.objects.get()
    assert raw.startswith(f"ct_{key.prefix}_")
    assert key.key_hash == api_key_hash(raw)
    assert raw not in str(ApiKey.objects.values_list().get())


def test_it_refuses_write_keys_without_a_capable_user(db, outsider):
    with pytest.raises(CommandError, match="user"):
        call_command(
            "create_api_key", "--name", "x", "--scope", "review", stdout=StringIO(), stderr=StringIO()
        )
    with pytest.raises(CommandError, match="lacks the permission"):
        call_command(
            "create_api_key",
            "--name",
            "x",
            "--scope",
            "review",
            "--user",
            "outsider",
            stdout=StringIO(),
            stderr=StringIO(),
        )


def test_it_rejects_unknown_and_revoked_keys(client_api, read_key):
    assert client_api.get("/api/v1/claims/", **auth(read_key)).status_code == 200
    call_command("revoke_api_key", read_key[:11], stdout=StringIO())
    response = client_api.get("/api/v1/claims/", **auth(read_key))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    assert client_api.get("/api/v1/claims/", **auth("ct_00000000_nope")).status_code == 401
    assert client_api.get("/api/v1/claims/", HTTP_AUTHORIZATION="Basic abc").status_code == 401


def test_it_enforces_scopes_on_writes(client_api, make_claim, read_key, edit_key, review_key):
    claim = make_claim()
    body = {"text": "x", "language": "en"}
    assert client_api.post("/api/v1/claims/", body, format="json").status_code == 401
    assert client_api.post("/api/v1/claims/", body, format="json", **auth(read_key)).status_code == 403
    assert client_api.post("/api/v1/claims/", body, format="json", **auth(review_key)).status_code == 403
    verdict = {"status": "confirmed", "rationale": "Filed.", "version": claim.version}
    url = f"/api/v1/claims/{claim.pk}/verdicts/"
    assert client_api.post(url, verdict, format="json", **auth(edit_key)).status_code == 403
    assert client_api.post(url, verdict, format="json", **auth(review_key)).status_code == 201


def test_it_lists_and_revokes_keys_in_the_admin(client, admin_user, read_key):
    client.force_login(admin_user)
    page = client.get("/admin/api/apikey/")
    assert page.status_code == 200
    key = ApiKey.objects.get()
    assert f"ct_{key.prefix}_" in page.content.decode()
    assert read_key not in page.content.decode()
    client.post("/admin/api/apikey/", {"action": "revoke", "_selected_action": [key.pk]})
    key.refresh_from_db()
    assert key.revoked_at is not None
