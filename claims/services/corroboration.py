"""Asking for corroboration: the corroboration workers listen for `corroboration_requested`."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from ..errors import NotAllowed
from ..models import Claim
from ..signals import corroboration_requested


def corroboration_request(*, claim_ids: Iterable[int]) -> None:
    """Announce, once the current transaction commits, that these claims want a corroboration run."""
    ids = list(claim_ids)
    if ids:
        transaction.on_commit(lambda: corroboration_requested.send(sender=Claim, claim_ids=ids))


def corroboration_queue(*, claims: Iterable[Claim], actor: AbstractBaseUser | None) -> int:
    """A person sends claims to the corroboration workers (the admin action, the command)."""
    if actor is not None and not actor.has_perm("claims.queue_corroboration"):
        raise NotAllowed("You may not queue corroboration runs.")
    ids = [claim.pk for claim in claims]
    corroboration_request(claim_ids=ids)
    return len(ids)
