"""Reading SciFact-format files (claims jsonl + corpus jsonl) for the benchmark and the stance trainer.

Django-free. Any files of the same format work; the data itself is never needed by the app.
"""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .engine import Doc, Matcher

STANCE_OF = {"SUPPORT": 0, "CONTRADICT": 1}
NONE = 2


@dataclass
class ClaimRow:
    id: int
    text: str
    gold: dict[int, str]  # doc id -> SUPPORT / CONTRADICT
    cited: list[int]


def load_corpus(path: Path) -> list[Doc]:
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            sentences = [s.strip() for s in row.get("abstract", [])]
            text, spans = "", []
            for s in sentences:
                start = len(text) + (1 if text else 0)
                text = f"{text} {s}" if text else s
                spans.append((start, start + len(s)))
            docs.append(Doc(id=int(row["doc_id"]), title=row.get("title", ""), text=text, spans=spans))
    return docs


def load_claims(path: Path) -> list[ClaimRow]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            gold = {}
            for doc_id, items in (row.get("evidence") or {}).items():
                labels = [item.get("label") for item in items if item.get("label")]
                if labels:
                    gold[int(doc_id)] = labels[0]
            cited = [int(d) for d in row.get("cited_doc_ids") or []]
            rows.append(ClaimRow(id=int(row["id"]), text=row["claim"], gold=gold, cited=cited))
    return rows


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def _rows(matcher: Matcher, claims, prepared_by_id, features):
    """(claim id, features(claim, doc, passage index, scores), gold label, passage text, claim text)
    for each document a claim cites."""
    rows = []
    for c in claims:
        docs = [prepared_by_id[d] for d in c.cited if d in prepared_by_id]
        if not docs:
            continue
        pc = matcher.prepare_claim(c.text)
        for scored in matcher.score(pc, docs, with_stance=False):
            p = prepared_by_id[scored.doc_id]
            index = p.spans.index(scored.passage) if scored.passage else None
            x = features(pc, p, index, scored.scores)
            passage = p.doc.text[slice(*scored.passage)] if scored.passage else ""
            gold = STANCE_OF.get(c.gold.get(scored.doc_id), NONE)
            rows.append((c.id, x, gold, passage, c.text))
    return rows


def stance_rows(matcher: Matcher, claims, prepared_by_id):
    """The SciFact stance model's features for each cited document (see _rows)."""
    return _rows(matcher, claims, prepared_by_id, matcher.stance_features)


def news_rows(matcher: Matcher, claims, prepared_by_id):
    """The news stance model's view of the same pairs as stance_rows."""
    return _rows(matcher, claims, prepared_by_id, matcher.news_features)
