"""Optional named-entity recognition for Russian, from natasha (its models ship inside the package).

Off unless natasha is installed (`pip install claimtracker[ner]`) and EXTRACTION_NER is not "off".
The rules never need it: it only improves a claim's entities (whole names, in the nominative:
"Калифорнийского университета" -> "Калифорнийский университет").
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

log = logging.getLogger(__name__)
# The tagger takes ~40 ms per 1,000 characters here; past a long feature it would dominate.
MAX_CHARS = 60_000
_lock = threading.Lock()


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    type: str  # PER, ORG, LOC
    name: str


def enabled() -> bool:
    if getattr(settings, "EXTRACTION_NER", "auto") == "off":
        return False
    return _pipeline() is not None


@lru_cache(maxsize=1)
def _pipeline():
    try:
        from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
    except ImportError:
        return None
    except Exception:  # a broken install must not break extraction: the rules go on alone
        log.exception("natasha is installed but cannot be imported; extraction runs without NER")
        return None
    embedding = NewsEmbedding()
    return Doc, Segmenter(), NewsMorphTagger(embedding), NewsNERTagger(embedding), MorphVocab()


def entities(text: str) -> list[Entity]:
    """Named entities in a Russian text, with offsets into it; [] when NER is off."""
    if not enabled():
        return []
    Doc, segmenter, morph_tagger, ner_tagger, vocab = _pipeline()
    with _lock:  # the taggers keep state between calls
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph_tagger)
        doc.tag_ner(ner_tagger)
        found = []
        for span in doc.spans:
            try:
                span.normalize(vocab)
                name = span.normal or span.text
            except Exception:  # normalisation is a nicety; keep the surface form
                name = span.text
            found.append(Entity(span.start, span.stop, span.type, name))
    return found
