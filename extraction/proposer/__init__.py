"""Claim proposals from an article: which sentences are claims, their kind and entities, and their
attribution chains as the attribution reader (`attribution/`) reads them.

Pure Python: no database, no network. Source names are matched to the registry afterwards, in one
batch, by `extraction.registry`.

The shape of the result, per claim: the text with the attribution stripped, its kind, the span
(offsets into the article text), the entities, and the chain of cited links (outermost first)
below the article's own outlet.
"""

from .classify import classify, entities_of
from .extract import EXTRACTOR_VERSION, Extraction, ProposedClaim, extract
from .links import ORGANISATION, OUTLET, OWN, PERSON, UNNAMED, Mention, mention_of, role_text

__all__ = [
    "EXTRACTOR_VERSION",
    "ORGANISATION",
    "OUTLET",
    "OWN",
    "PERSON",
    "UNNAMED",
    "Extraction",
    "Mention",
    "ProposedClaim",
    "classify",
    "entities_of",
    "extract",
    "mention_of",
    "role_text",
]
