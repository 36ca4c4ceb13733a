"""Webhooks: API-key holders' subscriptions to changes, signed deliveries sent by the workers.

Deliveries are cut from the numbered change log (claims.ChangeEntry), so each change reaches each
subscription at least once, in any order, with its change number as the idempotency key.
"""
