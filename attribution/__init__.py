"""The attribution reader: who each statement of a news text is attributed to.

Django-free, one output shape (`Reading` → `Statement` → chain of `Source`, outermost first) used by
extraction (claims and their chains), corroboration (is this article a re-report, of whom?) and the
benchmarks. Languages: en, ru, uk, de, zh, ko through cue lexicons and known names; English adds
spaCy's parser and NER where installed (extra `attribution-en`), Russian natasha's (extra `ner`), Chinese
jieba's word segmentation (extra `attribution-zh`), Ukrainian pymorphy3's dictionary (extra `attribution-uk`),
and everything degrades to the cue path when a package is missing.
"""

from .gazetteer import BUILTIN_OUTLETS, Gazetteer, Known
from .model import KINDS, ORGANISATION, OUTLET, PERSON, UNNAMED, Reading, Source, Statement
from .reader import PARSER_MAX_CHARS, READER_VERSION, read

__all__ = [
    "BUILTIN_OUTLETS",
    "KINDS",
    "ORGANISATION",
    "OUTLET",
    "PARSER_MAX_CHARS",
    "PERSON",
    "READER_VERSION",
    "UNNAMED",
    "Gazetteer",
    "Known",
    "Reading",
    "Source",
    "Statement",
    "read",
]
