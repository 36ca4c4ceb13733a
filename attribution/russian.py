"""Russian parser path: natasha's syntax parse, NER and morphology (all inside the packages), when installed.

Optional (extra `ner`): without natasha the reader runs the Russian cue lexicon alone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

from .finders import Cue, listener_after
from .lexicon import for_language
from .unsaid import neither_nor

SAY_LEMMAS = frozenset(
    "заявить сказать сообщить отметить подчеркнуть добавить рассказать пояснить написать указать уточнить "
    "признать предупредить объяснить заметить опровергнуть отрицать отвергнуть считать полагать говорить "
    "передать подтвердить ответить заверить выразить напомнить призвать утверждать объявить констатировать "
    "прокомментировать анонсировать настаивать сообщать заявлять отмечать подчеркивать добавлять рассказывать "
    "уверять цитировать назвать опровергать признавать предупреждать указывать писать".split()
)
REPORT_LEMMAS = frozenset("сообщить сообщать написать писать передать передавать".split())
_SUBJ = {"nsubj", "nsubj:pass"}
_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}


def blocked() -> bool:
    return os.environ.get("CLAIMTRACKER_NO_NATASHA") == "1"


@dataclass
class Pipeline:
    segmenter: object
    morph_vocab: object
    morph: object
    syntax: object
    ner: object


@lru_cache(maxsize=1)
def load() -> Pipeline | None:
    if blocked():
        return None
    try:
        from natasha import (
            MorphVocab,
            NewsEmbedding,
            NewsMorphTagger,
            NewsNERTagger,
            NewsSyntaxParser,
            Segmenter,
        )
    except ImportError:
        return None
    emb = NewsEmbedding()
    return Pipeline(
        Segmenter(), MorphVocab(), NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)
    )


def available() -> bool:
    return load() is not None


def version() -> str:
    try:
        from importlib.metadata import version as v

        return f"natasha {v('natasha')}"
    except Exception:  # noqa: BLE001 - only a label
        return "natasha"


class Parsed:
    """One text through natasha: tokens by sentence, entity spans with their nominative forms."""

    def __init__(self, text: str, paragraphs: list[tuple[int, int]]):
        """Parsed paragraph by paragraph (a paragraph break always ends a sentence), offsets absolute."""
        from natasha import Doc

        p = load()
        self.text = text
        self.ents = []
        self.tokens = []
        self.by_id = {}
        self.children: dict[str, list] = {}
        for number, (a, b) in enumerate(paragraphs):
            doc = Doc(text[a:b])
            doc.segment(p.segmenter)
            doc.tag_morph(p.morph)
            doc.parse_syntax(p.syntax)
            doc.tag_ner(p.ner)
            for span in doc.spans:
                span.normalize(p.morph_vocab)
                self.ents.append(
                    (a + span.start, a + span.stop, _LABELS.get(span.type, span.type), span.normal)
                )
            for tok in doc.tokens:
                tok.lemmatize(p.morph_vocab)
                tok.start, tok.stop = a + tok.start, a + tok.stop
                tok.id, tok.head_id = f"{number}:{tok.id}", f"{number}:{tok.head_id}"
                self.tokens.append(tok)
                self.by_id[tok.id] = tok
                self.children.setdefault(tok.head_id, []).append(tok)

    def _span(self, tok) -> tuple[int, int]:
        lo, hi = tok.start, tok.stop
        stack = [tok]
        while stack:
            t = stack.pop()
            for c in self.children.get(t.id, []):
                if c.rel in ("punct", "acl:relcl", "acl", "parataxis", "ccomp", "advcl", "conj", "cc"):
                    continue
                lo, hi = min(lo, c.start), max(hi, c.stop)
                stack.append(c)
        return lo, hi

    def cues_in(self, start: int, end: int, quotes=()) -> list[Cue]:
        out = []
        ents = [(a, b, label, normal) for a, b, label, normal in self.ents if start <= a < end]
        for tok in self.tokens:
            if (
                not (start <= tok.start < end)
                or tok.pos not in ("VERB", "AUX")
                or tok.lemma not in SAY_LEMMAS
            ):
                continue
            if any(a <= tok.start < b for a, b in quotes):
                continue
            if tok.feats.get("Tense") == "Fut" or (
                any(c.lemma == "не" and 0 <= tok.start - c.stop <= 1 for c in self.children.get(tok.id, []))
                and not neither_nor(self.text[start:end], "ru")
            ):
                continue  # "объявит в понедельник": nothing said yet; "не сказал, …": nothing said
            subj = next((c for c in self.children.get(tok.id, []) if c.rel in _SUBJ), None)
            inherited = False
            if subj is None and tok.rel in ("conj", "advcl", "xcomp"):
                head = self.by_id.get(tok.head_id)
                subj = (
                    next((c for c in self.children.get(head.id, []) if c.rel in _SUBJ), None)
                    if head
                    else None
                )
                inherited = subj is not None
            if subj is None or subj.lemma in ("это", "что", "который", "кто"):
                continue
            a, b = self._span(subj)
            a, b = max(a, start), min(b, end)
            if b <= a:
                continue
            out.append(
                Cue(
                    tok.text,
                    tok.start,
                    tok.stop,
                    a,
                    b,
                    report=tok.lemma in REPORT_LEMMAS,
                    subject=not inherited,
                    ents=ents,
                    how="parser",
                    listener=listener_after(self.text, tok.stop, end, for_language("ru")),
                )
            )
        return out
