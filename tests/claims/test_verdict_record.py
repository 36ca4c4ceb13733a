import threading

import pytest
from django.db import connection

from claims import services
from claims.errors import ApplicationError, ConflictError, NotAllowed
from claims.models import AuditEntry, Claim, ClaimStatus, Verdict
from tests.factories import ClaimFactory, EvidenceFactory


def test_it_records_a_verdict_and_makes_it_current(reviewer):
    claim = ClaimFactory()
    evidence = EvidenceFactory(claim=claim)
    verdict = services.verdict_record(
        claim=claim,
        status="confirmed",
        rationale="Reuters confirmed on the record.",
        reviewer=reviewer,
        seen_version=claim.version,
        evidence=[evidence],
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CONFIRMED
    assert claim.current_verdict == verdict
    assert claim.version == 2
    assert list(verdict.evidence.all()) == [evidence]
    assert AuditEntry.objects.filter(claim=claim, action="verdict_recorded", actor=reviewer).exists()


def test_it_keeps_the_history_and_the_latest_is_current(reviewer):
    claim = ClaimFactory()
    services.verdict_record(claim=claim, status="in_review", rationale="", reviewer=reviewer, seen_version=1)
    services.verdict_record(
        claim=claim, status="disputed", rationale="Denied by Huawei.", reviewer=reviewer, seen_version=2
    )
    assert claim.verdicts.count() == 2
    assert claim.verdicts.latest().status == claim.status == "disputed"


@pytest.mark.parametrize("status", ["confirmed", "disputed", "false"])
def test_it_requires_a_rationale_for_a_decision(reviewer, status):
    claim = ClaimFactory()
    with pytest.raises(ApplicationError) as err:
        services.verdict_record(claim=claim, status=status, rationale="  ", reviewer=reviewer, seen_version=1)
    assert "rationale" in err.value.fields
    assert Verdict.objects.count() == 0


def test_it_rejects_an_unknown_status(reviewer):
    with pytest.raises(ApplicationError) as err:
        services.verdict_record(
            claim=ClaimFactory(), status="true-ish", rationale="x", reviewer=reviewer, seen_version=1
        )
    assert "is not a status" in err.value.fields["status"][0]


def test_it_refuses_verdicts_from_editors_and_outsiders(editor, outsider):
    claim = ClaimFactory()
    for user in (editor, outsider):
        with pytest.raises(NotAllowed):
            services.verdict_record(
                claim=claim, status="confirmed", rationale="x", reviewer=user, seen_version=1
            )


def test_it_rejects_a_stale_version_without_writing(reviewer, second_reviewer):
    claim = ClaimFactory()
    services.verdict_record(
        claim=claim, status="confirmed", rationale="first", reviewer=reviewer, seen_version=1
    )
    stale = Claim.objects.get(pk=claim.pk)
    with pytest.raises(ConflictError) as err:
        services.verdict_record(
            claim=stale, status="false", rationale="second", reviewer=second_reviewer, seen_version=1
        )
    assert err.value.current.status == "confirmed"
    assert "you saw version 1" in err.value.message
    assert Verdict.objects.count() == 1 and Claim.objects.get(pk=claim.pk).status == "confirmed"


def test_it_rejects_evidence_of_another_claim(reviewer):
    other = EvidenceFactory()
    with pytest.raises(ApplicationError):
        services.verdict_record(
            claim=ClaimFactory(),
            status="confirmed",
            rationale="x",
            reviewer=reviewer,
            seen_version=1,
            evidence=[other],
        )


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_at_once_exactly_one_wins(reviewer, second_reviewer):
    """Two connections record verdicts on the same version at the same moment: one wins, one conflicts."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: concurrent connections with row locks")
    claim = ClaimFactory()
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(user, status):
        try:
            barrier.wait(timeout=10)
            services.verdict_record(
                claim=Claim.objects.get(pk=claim.pk),
                status=status,
                rationale=f"{user.username} says so",
                reviewer=user,
                seen_version=1,
            )
            outcomes.append(("won", status))
        except ConflictError:
            outcomes.append(("conflict", status))
        finally:
            connection.close()

    for _ in range(5):  # repeat: a race that passes once by luck should not pass five times
        Verdict.objects.all().delete()
        Claim.objects.filter(pk=claim.pk).update(version=1, status="unreviewed", current_verdict=None)
        outcomes.clear()
        barrier.reset()
        threads = [
            threading.Thread(target=decide, args=(reviewer, "confirmed")),
            threading.Thread(target=decide, args=(second_reviewer, "false")),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        assert sorted(kind for kind, _ in outcomes) == ["conflict", "won"]
        winner = next(status for kind, status in outcomes if kind == "won")
        fresh = Claim.objects.get(pk=claim.pk)
        assert fresh.status == winner and fresh.version == 2
        assert Verdict.objects.filter(claim=claim).count() == 1
