"""Property-based requests against the published OpenAPI schema: no 500s, no undocumented answers.

Bounded (a fixed number of derandomised examples per operation) so the suite stays fast and repeatable.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api import services as api_services
from claimreview import services as claimreview_services
from tests.api.fixtures import auth

raw_schema = SchemaGenerator().get_schema(request=None, public=True)
schema = schemathesis.openapi.from_dict(raw_schema)
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # A bare WSGI app closes "old" connections per request, which would close the test's transaction;
    # Django's own test client disconnects the same handlers.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def editor_key(editor, make_claim, reviewer):
    claim = make_claim(status="confirmed")
    make_claim("A draft")
    claimreview_services.claimreview_import(
        data=b'{"@type": "ClaimReview", "claimReviewed": "x", "author": "Org", "reviewRating": {"alternateName": "False"}}'
    )
    del claim
    return api_services.api_key_create(name="schemathesis", scope="edit", user=editor)[1]


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_matches_its_schema(case, editor_key):
    # Every check runs but "schema-valid data must be accepted": business rules (a span needs both
    # ends, an opaque cursor must be one we issued) rightly refuse some schema-valid requests with 400.
    case.call_and_validate(headers=auth_headers(editor_key), excluded_checks=[positive_data_acceptance])


def auth_headers(raw: str) -> dict:
    return {"Authorization": auth(raw)["HTTP_AUTHORIZATION"]}
