"""Proposing claims and their attribution chains from an article, for an editor to accept or reject.

`rules` finds claims and attribution in the text (no database); `registry` matches the names to the
Source registry; `services` stores proposals and turns an accepted one into a claim.
"""
