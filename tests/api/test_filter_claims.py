from datetime import UTC, datetime

import pytest
from django.utils import timezone

from claims.models import Independence, Stance
from sources.models import SourceKind
from tests.api.fixtures import add_evidence
from tests.factories import SourceFactory


def ids(client, **params):
    response = client.get("/api/v1/claims/", params)
    assert response.status_code == 200, response.json()
    return sorted(c["id"] for c in response.json()["results"])


def test_it_filters_by_status(client_api, make_claim):
    a = make_claim("A", status="confirmed")
    b = make_claim("B", status="false")
    make_claim("C", status="disputed")
    assert ids(client_api, status="confirmed") == [a.pk]
    assert ids(client_api, status=["confirmed", "false"]) == sorted([a.pk, b.pk])


def test_it_filters_by_source_outlet_and_kind(client_api, make_claim):
    ft = SourceFactory(name="FT")
    reuters = SourceFactory(name="Reuters")
    a = make_claim("A", status="confirmed", cited=ft, outlet=reuters)
    person = SourceFactory(kind=SourceKind.PERSON, name="Ritwik Gupta")
    b = make_claim("B", status="confirmed", chain=[{"source": reuters}, {"source": person}])
    assert ids(client_api, source=ft.pk) == [a.pk]
    assert ids(client_api, outlet=reuters.pk) == sorted([a.pk, b.pk])
    assert ids(client_api, source_kind="person") == [b.pk]


def test_it_filters_unnamed_only(client_api, make_claim):
    unnamed = make_claim("A", status="confirmed")
    named = make_claim("B", status="confirmed", chain=[{"source": SourceFactory()}])
    assert ids(client_api, unnamed_only="true") == [unnamed.pk]
    assert ids(client_api, unnamed_only="false") == [named.pk]


def test_it_filters_by_entity_and_language(client_api, make_claim):
    a = make_claim("A", status="confirmed", entities=["Liang Wenfeng"], language="ru")
    make_claim("B", status="confirmed", entities=["Nvidia"])
    assert ids(client_api, entity="liang wenfeng") == [a.pk]
    assert ids(client_api, entity="wenfeng") == []
    assert ids(client_api, language="ru") == [a.pk]


def test_it_filters_by_made_and_verdict_dates(client_api, make_claim):
    old = make_claim("A", status="confirmed", made_at=datetime(2025, 5, 1, tzinfo=UTC))
    new = make_claim("B", status="confirmed", made_at=datetime(2025, 8, 14, tzinfo=UTC))
    assert ids(client_api, made_after="2025-08-01T00:00:00Z") == [new.pk]
    assert ids(client_api, made_before="2025-08-01T00:00:00Z") == [old.pk]
    now = timezone.now().isoformat()
    assert ids(client_api, verdict_before=now) == sorted([old.pk, new.pk])
    assert ids(client_api, verdict_after=now) == []


def test_it_filters_by_independent_confirmation(client_api, make_claim):
    confirmed = make_claim("A", status="confirmed")
    add_evidence(confirmed)
    re_reported = make_claim("B", status="confirmed")
    add_evidence(re_reported, independence=Independence.RE_REPORT)
    add_evidence(re_reported, stance=Stance.REFUTES)
    assert ids(client_api, has_independent_confirmation="true") == [confirmed.pk]
    assert ids(client_api, has_independent_confirmation="false") == [re_reported.pk]


def test_it_searches_full_text(client_api, make_claim):
    a = make_claim("Huawei sent engineers to DeepSeek", status="confirmed")
    make_claim("Nvidia agreed to share revenue", status="confirmed", summary_en="H20 export deal")
    assert ids(client_api, q="engineers") == [a.pk]
    assert ids(client_api, q="Huawei engineers") == [a.pk]
    assert ids(client_api, q="nothing-like-this") == []


@pytest.mark.parametrize(
    "params, field",
    [
        ({"stauts": "confirmed"}, "stauts"),
        ({"status": "true-ish"}, "status"),
        ({"ordering": "text"}, "ordering"),
        ({"made_after": "last tuesday"}, "made_after"),
        ({"unnamed_only": "maybe"}, "unnamed_only"),
        ({"source": "ft"}, "source"),
        ({"page_size": "1000"}, "page_size"),
    ],
)
def test_it_refuses_unknown_or_bad_filters(client_api, db, params, field):
    response = client_api.get("/api/v1/claims/", params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert field in error["fields"], error
