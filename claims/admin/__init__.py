"""The editors' and reviewers' desk, by topic. Every write goes through claims.services.

Importing the modules registers their ModelAdmins (Django's autodiscover imports this package).
The review desk for extracted proposals registers itself in extraction.admin.
"""

from . import audit, claims, evidence, summary, verdicts  # noqa: F401
