"""The audit trail and the numbered change log: every claims write ends here."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction
from django.utils import timezone

from ..models import AuditEntry, ChangeCounter, ChangeEntry, ChangeKind, Claim


def audit_record(*, claim: Claim, actor: AbstractBaseUser | None, action: str, changes: dict) -> AuditEntry:
    entry = AuditEntry.objects.create(
        claim=claim,
        claim_label=str(claim)[:100],
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        changes=changes,
        at=timezone.now(),
    )
    # Every service ends by auditing, so this is the one place that also feeds /api/v1/changes/.
    change_record(claim_id=claim.pk, action=action, at=entry.at)
    return entry


CHANGE_KINDS = {
    "chain_changed": ChangeKind.CHAIN,
    "verdict_recorded": ChangeKind.VERDICT,
    "verdict_imported": ChangeKind.VERDICT,
    "evidence_added": ChangeKind.EVIDENCE,
    "evidence_changed": ChangeKind.EVIDENCE,
    "evidence_accepted": ChangeKind.EVIDENCE,
    "evidence_rejected": ChangeKind.EVIDENCE,
}


def next_change_seq() -> int:
    """Take the next change number, holding the counter's row lock until this transaction ends.

    Whoever takes number N+1 waits until the holder of N has committed (or rolled back, which gives
    N back), so numbers become visible in order and a reader paging by number never skips one that
    commits later. SQLite serialises writers anyway; the same statement is correct there.
    Services take it last (through audit_record): holding it while locking another claim could
    deadlock with a writer that locked that claim first.
    """
    table = connection.ops.quote_name(ChangeCounter._meta.db_table)
    sql = f"UPDATE {table} SET value = value + 1 WHERE id = 1 RETURNING value"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
        if row is None:  # a flushed test database has no counter row yet
            ChangeCounter.objects.get_or_create(pk=1, defaults={"value": 0})
            cursor.execute(sql)
            row = cursor.fetchone()
    return row[0]


@transaction.atomic
def change_record(*, claim_id: int, action: str, at: datetime | None = None) -> ChangeEntry:
    seq = next_change_seq()
    version, updated_at = Claim.objects.filter(pk=claim_id).values_list("version", "updated_at").first() or (
        None,
        None,
    )
    return ChangeEntry.objects.create(
        claim_updated_at=updated_at,
        seq=seq,
        claim_id_ref=claim_id,
        kind=CHANGE_KINDS.get(action, ChangeKind.CLAIM),
        action=action,
        claim_version=version,
        at=at or timezone.now(),
    )
