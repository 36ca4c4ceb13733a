"""An edit or review key acts for a person: it stops working when that person is deactivated or leaves the
group the scope needs, on every request, reads included (issue 15: D5)."""

import pytest
from django.contrib.auth.models import Group

from claims.models import Claim
from tests.api.fixtures import auth

TEXT = "The plant will close in May, two people familiar with the plan said."


def _deactivate(user):
    user.is_active = False
    user.save(update_fields=["is_active"])


def _leave(user, group):
    user.groups.remove(Group.objects.get(name=group))


@pytest.fixture
def draft(make_claim):
    return make_claim("A draft nobody has decided")


@pytest.mark.parametrize("change", [_deactivate, lambda u: _leave(u, "Editors")], ids=["deactivated", "left"])
def test_d5_an_edit_key_stops_when_its_user_goes(client_api, edit_key, editor, draft, change):
    headers = auth(edit_key)
    assert client_api.get(f"/api/v1/claims/{draft.pk}/", **headers).status_code == 200
    change(editor)

    drafts = client_api.get(f"/api/v1/claims/{draft.pk}/", **headers)
    create = client_api.post(
        "/api/v1/claims/", {"text": TEXT, "language": "en", "chain": []}, format="json", **headers
    )
    extract = client_api.post("/api/v1/extract/", {"text": TEXT, "language": "en"}, format="json", **headers)
    imported = client_api.post(
        "/api/v1/claimreview/import/",
        b'{"@type": "ClaimReview", "claimReviewed": "x", "author": "Org", "reviewRating": {"alternateName": "False"}}',
        content_type="application/json",
        **headers,
    )

    expected = 401 if change is _deactivate else 403
    for response in (drafts, create, extract, imported):
        assert response.status_code == expected, response.content[:300]
        assert response.json()["error"]["message"]
    assert Claim.objects.count() == 1


@pytest.mark.parametrize(
    "change", [_deactivate, lambda u: _leave(u, "Reviewers")], ids=["deactivated", "left"]
)
def test_d5_a_review_key_stops_when_its_user_goes(client_api, review_key, reviewer, draft, change):
    change(reviewer)
    response = client_api.post(
        f"/api/v1/claims/{draft.pk}/verdicts/",
        {"status": "confirmed", "rationale": "Checked.", "version": 1},
        format="json",
        **auth(review_key),
    )
    assert response.status_code in (401, 403)
    listing = client_api.get("/api/v1/claims/", **auth(review_key))
    assert listing.status_code in (401, 403)


def test_d5_a_key_whose_user_is_back_works_again(client_api, edit_key, editor, draft):
    _leave(editor, "Editors")
    assert client_api.get("/api/v1/claims/", **auth(edit_key)).status_code == 403
    editor.groups.add(Group.objects.get(name="Editors"))
    response = client_api.get("/api/v1/claims/", **auth(edit_key))
    assert response.status_code == 200
    assert [c["id"] for c in response.json()["results"]] == [draft.pk]
