"""Corroboration: matching coverage to claims, stance, independence, the per-claim summary."""
