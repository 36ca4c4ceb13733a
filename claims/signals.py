"""What claims announce to the rooms that build on them (claims imports none of them)."""

from django.dispatch import Signal

# Sent after commit with `claim_ids`: new claims, and claims a person sent to be corroborated again.
corroboration_requested = Signal()

# Sent after commit with `claim_ids` whose evidence, chain or verdict changed: the stored summary is stale.
summary_stale = Signal()
