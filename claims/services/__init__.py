"""Write paths for claims. The admin, the API, management commands and tasks all call these.

Every function is keyword-only, runs in one transaction (nothing half-saved), bumps the claim's
version on every change and ends with `audit_record`, which also numbers the change for the feed.
One module per topic; the names are re-exported here so callers write `services.claim_create`.
"""

from .audit import audit_record, change_record
from .chains import MAX_CHAIN_LINKS, build_links, chain_set
from .claims import (
    CLAIM_EDITABLE_FIELDS,
    appearances_set,
    claim_create,
    claim_update,
    entities_set,
)
from .corroboration import corroboration_queue, corroboration_request
from .evidence import evidence_review, evidence_upsert
from .predictions import predictions_due_queue
from .summary import suggest_grade, summary_refresh
from .verdicts import verdict_import, verdict_record

__all__ = [
    "CLAIM_EDITABLE_FIELDS",
    "MAX_CHAIN_LINKS",
    "appearances_set",
    "audit_record",
    "build_links",
    "chain_set",
    "change_record",
    "claim_create",
    "claim_update",
    "corroboration_queue",
    "corroboration_request",
    "entities_set",
    "evidence_review",
    "evidence_upsert",
    "predictions_due_queue",
    "suggest_grade",
    "summary_refresh",
    "verdict_import",
    "verdict_record",
]
