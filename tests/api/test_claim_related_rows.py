"""The claim lists' two ways to read related rows (PostgreSQL JSON, portable ORM) must agree."""

import pytest
from django.db import connection
from django.utils import timezone

from claims import selectors
from claims.models import CorroborationSummary, Independence, Stance
from sources.models import SourceKind
from tests.api.fixtures import add_evidence
from tests.factories import SourceFactory


@pytest.mark.postgres_only
def test_it_reads_the_same_rows_with_json_on_postgres_as_with_the_orm(make_claim, reviewer):
    if connection.vendor != "postgresql":
        pytest.skip("the JSON path is PostgreSQL's")
    person = SourceFactory(kind=SourceKind.PERSON, name="Ritwik Gupta")
    a = make_claim("A", status="confirmed")
    b = make_claim("B", chain=[{"source": SourceFactory()}, {"source": person, "quote": "a matter of time"}])
    c = make_claim("C", chain=[], entities=[])
    add_evidence(a)
    add_evidence(a, independence=Independence.RE_REPORT, origin=a.links.get(position=1).source)
    add_evidence(b, stance=Stance.REFUTES)
    CorroborationSummary.objects.filter(claim=b).update(
        suggested_grade=4, grade_reason="refuted", needs_rereview=True, last_checked_at=timezone.now()
    )
    ids = [a.pk, b.pk, c.pk]
    json_rows = selectors._claim_related_rows_postgres(ids)
    assert json_rows == selectors._claim_related_rows_orm(ids)
    assert json_rows[a.pk]["verdict"]["status"] == "confirmed"
    assert json_rows[a.pk]["verdict"]["reviewer__username"] == reviewer.username
    assert json_rows[b.pk]["links"][1]["quote"] == "a matter of time"
    assert json_rows[c.pk] == {"verdict": None, "links": [], "appearances": json_rows[c.pk]["appearances"],
                               "entities": [], "evidence": [], "corroboration": None}  # fmt: skip
    assert json_rows[b.pk]["corroboration"]["suggested_grade"] == 4
