"""The long fuzz run (issue 15): schemathesis, at least 50 examples per operation, every check but
"schema-valid data is accepted", with an edit key and a review key. Marked `fuzz`: not part of
`make test` (tests/conftest.py deselects it unless `-m fuzz` is given). Run it nice'd, on both databases:

    nice -n 10 env DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtracker .venv/bin/pytest -m fuzz tests/api/test_fuzz_api.py
    nice -n 10 env DATABASE_URL=sqlite:///$PWD/data/fuzz.sqlite3 .venv/bin/pytest -m fuzz tests/api/test_fuzz_api.py

FUZZ_EXAMPLES overrides the number of examples per operation (default 50). The result goes in
docs/benchmarks.md.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api import services as api_services
from claimreview import services as claimreview_services
from tests.api.fixtures import auth

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "50"))

# A body over the API's size limit is refused with 413 (documented for every write): that is a rejection.
REJECTED = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]
config = SchemathesisConfig.from_dict(
    {"checks": {"negative_data_rejection": {"expected-statuses": REJECTED}}}
)
raw_schema = SchemaGenerator().get_schema(request=None, public=True)
schema = schemathesis.openapi.from_dict(raw_schema, config=config)
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=["edit", "review"])
def fuzz_key(request, editor, reviewer, make_claim):
    make_claim(status="confirmed")
    make_claim("A draft")
    claimreview_services.claimreview_import(
        data=b'{"@type": "ClaimReview", "claimReviewed": "x", "author": "Org", "reviewRating": {"alternateName": "False"}}'
    )
    user = editor if request.param == "edit" else reviewer
    return api_services.api_key_create(name=f"fuzz {request.param}", scope=request.param, user=user)[1]


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_operation_answers_5xx_or_off_schema(case, fuzz_key):
    case.call_and_validate(
        headers={"Authorization": auth(fuzz_key)["HTTP_AUTHORIZATION"]},
        excluded_checks=[positive_data_acceptance],
    )
