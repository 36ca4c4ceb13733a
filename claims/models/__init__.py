"""What is claimed and how it is verified: claims, chains, evidence, verdicts, the audit trail, the summary.

Writes go through `claims.services`; reads through `claims.selectors` and the queryset methods.
"""

from .audit import AuditEntry, ChangeCounter, ChangeEntry, ChangeKind
from .chain import AttributionLink, LinkRelation
from .claim import (
    CLAIMREVIEW_RATINGS,
    DECIDED_STATUSES,
    Appearance,
    Claim,
    ClaimEntity,
    ClaimKind,
    ClaimQuerySet,
    ClaimStatus,
)
from .evidence import Evidence, Independence, ReviewState, Stance
from .summary import CorroborationSummary, SummaryRevision
from .verdict import Verdict

__all__ = [
    "CLAIMREVIEW_RATINGS",
    "DECIDED_STATUSES",
    "Appearance",
    "AttributionLink",
    "AuditEntry",
    "ChangeCounter",
    "ChangeEntry",
    "ChangeKind",
    "Claim",
    "ClaimEntity",
    "ClaimKind",
    "ClaimQuerySet",
    "ClaimStatus",
    "CorroborationSummary",
    "Evidence",
    "Independence",
    "LinkRelation",
    "ReviewState",
    "Stance",
    "SummaryRevision",
    "Verdict",
]
