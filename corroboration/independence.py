"""Is an article an independent origin for a claim, or a re-report, a syndicated copy, the same outlet?

Reads the article's own attributions ("according to the FT", "сообщает FT со ссылкой на источники"):
an article that credits another outlet, or any source in the claim's chain, repeats that source.
Near-identical texts are copies of the earliest one. Only independent origins are counted later.
"""

import re
from dataclasses import dataclass

from textkit.folding import fold

from .entities import AliasIndex, attributions

SHINGLE = 5
COPY_JACCARD = 0.8


def shingles(text: str) -> set[int]:
    words = re.findall(r"\w+", fold(text))
    return {hash(tuple(words[i : i + SHINGLE])) for i in range(max(len(words) - SHINGLE + 1, 1))}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass
class ArticleFacts:
    id: int
    outlet_id: int | None
    text: str
    content_hash: str
    copy_of_id: int | None
    order: tuple  # (published_at or max, id): earlier articles are originals


@dataclass
class Judgement:
    independence: str  # an Independence value
    origin_id: int | None
    reason: str
    cited: list[dict]


def judge(
    article: ArticleFacts,
    *,
    aliases: AliasIndex,
    outlet_ids: set[int],
    chain_source_ids: set[int],
    carrier_outlet_ids: set[int],
    subject_ids: set[int],
    denied: bool,
    others: list[ArticleFacts],
    copy_origin: dict[int, int | None],
) -> Judgement:
    """Decide one article's independence. `others`: the claim's other candidate articles."""
    cited = [
        {"source": a.source_id, "cue": a.cue, "span": [a.start, a.end]}
        for a in attributions(article.text, aliases)
        if a.source_id != article.outlet_id
    ]
    original = _original_of(article, others)
    if original is not None:
        return Judgement(
            "syndicated",
            copy_origin.get(original.id, original.outlet_id),
            f"copy of article {original.id}",
            cited,
        )
    if article.outlet_id is not None and article.outlet_id in carrier_outlet_ids:
        return Judgement("same_outlet", article.outlet_id, "the outlet that carries the claim", cited)
    if denied:
        subject = next((c["source"] for c in cited if c["source"] in subject_ids), None)
        return Judgement("independent", subject or article.outlet_id, "the subject's own denial", cited)
    for c in cited:
        if c["source"] in chain_source_ids or c["source"] in outlet_ids:
            return Judgement("re_report", c["source"], f"credits it: “{c['cue']}”", cited)
    return Judgement(
        "independent", article.outlet_id, "no attribution to another outlet or the claim's chain", cited
    )


def _original_of(article: ArticleFacts, others: list[ArticleFacts]) -> ArticleFacts | None:
    if article.copy_of_id is not None:
        for other in others:
            if other.id == article.copy_of_id:
                return other
        return ArticleFacts(article.copy_of_id, None, "", "", None, ())
    mine = None
    for other in others:
        if other.id == article.id or other.order >= article.order:
            continue
        if other.content_hash == article.content_hash:
            return other
        if mine is None:
            mine = shingles(article.text)
        if jaccard(mine, shingles(other.text)) >= COPY_JACCARD:
            return other
    return None
