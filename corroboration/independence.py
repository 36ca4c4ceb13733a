"""Is an article an independent origin for a claim, or a re-report, a syndicated copy, the same outlet?

Judged against the claim's chain, with the attribution reader run on the article: an article that
credits the claim's origin or any source on its chain, directly or through an intermediary ("Reuters,
citing the FT"), is a re-report of that origin, and the origin is the deepest credited source, not the
intermediary. For a statement claim ("X said Y"), coverage quoting X on the record from its own
reporting confirms that X said it. An article that repeats another outlet's story, not on the claim's
chain, speaks for that outlet (its origin), which is then one more independent origin, counted once
however many articles repeat it. Near-identical texts are copies of the earliest one.
"""

import re
from dataclasses import dataclass

from textkit.folding import fold

from .entities import AliasIndex, attributions, credits

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
    statement_of: set[int] = frozenset(),
) -> Judgement:
    """Decide one article's independence. `others`: the claim's other candidate articles;
    `statement_of`: for a statement claim, the speaker's source ids (the innermost named link)."""
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
    on_chain = chain_source_ids | carrier_outlet_ids
    own = {article.outlet_id}
    for credit in credits(article.text, aliases):
        ids = [i for i in credit.chain if i is not None and i not in own]
        hits = [i for i in ids if i in on_chain]
        if not hits:
            continue
        via_outlet = any(i in outlet_ids for i in ids[: ids.index(hits[-1])])
        if statement_of and hits[-1] in statement_of and not via_outlet:
            # "Huang said …" in NBC's own report: NBC heard him; it confirms that he said it
            return Judgement(
                "independent", article.outlet_id, f"quotes the speaker on the record: “{credit.cue}”", cited
            )
        outlets = [i for i in hits if i in outlet_ids]
        origin = outlets[-1] if outlets else hits[-1]
        return Judgement("re_report", origin, f"credits it: “{credit.cue}”", cited)
    repeated = _repeated_outlet(article, cited, outlet_ids)
    if repeated is not None:
        return Judgement(
            "independent",
            repeated["source"],
            f"repeats another outlet's own report: “{repeated['cue']}”",
            cited,
        )
    return Judgement(
        "independent", article.outlet_id, "no attribution to the claim's chain or its origin", cited
    )


def _repeated_outlet(article: ArticleFacts, cited: list[dict], outlet_ids: set[int]) -> dict | None:
    """The outlet whose story an article repeats (credited for the story, off the claim's chain)."""
    for c in cited:
        if c["source"] in outlet_ids and c["source"] != article.outlet_id:
            return c
    return None


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
