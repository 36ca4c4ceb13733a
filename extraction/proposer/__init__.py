"""Rule-based claim and attribution extraction for Russian and English news prose.

Pure Python: no database, no network. Source names are matched to the registry afterwards, in one
batch, by `extraction.registry`, so the rules can be run and measured without Django.

The shape of the result, per claim: the text with the attribution stripped, its kind, the span
(offsets into the article text), the entities, and the chain of cited links (outermost first)
below the article's own outlet.

Modules by topic: `mentions` (the Mention record and name helpers), `sources` (the source-phrase
parser), `attribution` (sentence patterns), `classify` (claim kind, entities) and `extract` (the driver).
"""

from .attribution import Attribution, analyse
from .classify import classify, entities_of
from .extract import EXTRACTOR_VERSION, Extraction, ProposedClaim, extract
from .mentions import ORGANISATION, OUTLET, OWN, PERSON, UNNAMED, Mention, nominative_guesses, role_text
from .sources import Context, parse_source

__all__ = [
    "EXTRACTOR_VERSION",
    "ORGANISATION",
    "OUTLET",
    "OWN",
    "PERSON",
    "UNNAMED",
    "Attribution",
    "Context",
    "Extraction",
    "Mention",
    "ProposedClaim",
    "analyse",
    "classify",
    "entities_of",
    "extract",
    "nominative_guesses",
    "parse_source",
    "role_text",
]
