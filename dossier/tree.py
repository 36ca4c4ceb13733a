"""The origin tree: the claim's chain down to its origin, and where each evidence item hangs.

Pure Python over loaded rows (no queries). Under each origin on the chain hang the articles that
re-report it, as one group with a count; syndicated copies hang under their original; independent
confirmations are their own branches, one per origin; refutations and denials are branches apart.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from claims.models import Claim, Evidence, Independence, Stance

from .selectors import Dossier

QUOTED = re.compile(r"[“\"«]([^”\"»]+)[”\"»]")


@dataclass
class Node:
    kind: str  # claim, chain, group, section, article
    title: str
    meta: str = ""
    tag: str = ""  # the short label at the right: "re-report", "denied", …
    tone: str = "neutral"  # colour family: chain, rereport, copy, independent, refutes, denied, mentions
    children: list[Node] = field(default_factory=list)
    collapsible: bool = False
    evidence_id: int | None = None
    article_id: int | None = None


def cue(evidence: Evidence) -> str:
    """The phrase that decided the item's independence ("пише FT", "citing two people familiar")."""
    reason = (evidence.scores or {}).get("independence_reason") or ""
    if evidence.independence == Independence.SYNDICATED:
        return "syndicated copy"
    found = QUOTED.search(reason)
    if found:
        return f"“{found.group(1)}”"
    return reason


def outlet_name(evidence: Evidence) -> str:
    article = evidence.article
    if article.outlet is not None:
        return article.outlet.name
    return article.url


def origin_name(evidence: Evidence) -> str:
    return evidence.origin.name if evidence.origin is not None else outlet_name(evidence)


def article_meta(evidence: Evidence) -> str:
    article = evidence.article
    parts = [f"{article.published_at:%Y-%m-%d %H:%M}" if article.published_at else "undated"]
    parts.append(article.language or "?")
    found = cue(evidence)
    if found:
        parts.append(found)
    return " · ".join(parts)


TONES = {
    Independence.RE_REPORT: ("rereport", "re-report"),
    Independence.SYNDICATED: ("copy", "syndicated"),
    Independence.SAME_OUTLET: ("copy", "same outlet"),
    Independence.INDEPENDENT: ("independent", "independent"),
    Independence.UNKNOWN: ("mentions", "not judged"),
}


def article_node(evidence: Evidence) -> Node:
    """One article; a denial or refutation names who speaks ("DeepSeek — via TechWire Daily")."""
    tone, tag = TONES[evidence.independence]
    title = outlet_name(evidence)
    if evidence.stance in (Stance.REFUTES, Stance.DENIED) and origin_name(evidence) != title:
        title = f"{origin_name(evidence)} — via {title}"
    if evidence.stance == Stance.REFUTES:
        tone, tag = "refutes", "refutes"
    elif evidence.stance == Stance.DENIED:
        tone, tag = "denied", "denied"
    elif evidence.stance == Stance.MENTIONS:
        tone, tag = "mentions", "mentions"
    return Node(
        kind="article",
        title=title,
        meta=article_meta(evidence),
        tag=tag,
        tone=tone,
        evidence_id=evidence.pk,
        article_id=evidence.article_id,
    )


def _group(title: str, items: list[Evidence], *, tone: str, tag: str, collapsible: bool) -> Node:
    dates = [e.article.published_at for e in items if e.article.published_at]
    outlets = {outlet_name(e) for e in items}
    span = ""
    if dates:
        first, last = min(dates), max(dates)
        span = f"{first:%Y-%m-%d}" + (f" – {last:%Y-%m-%d}" if last.date() != first.date() else "")
    meta = " · ".join(p for p in (f"{len(outlets)} outlet{'s' if len(outlets) != 1 else ''}", span) if p)
    return Node(kind="group", title=title, meta=meta, tag=tag, tone=tone, collapsible=collapsible)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def build_tree(dossier: Dossier) -> Node:
    claim: Claim = dossier.claim
    root = Node(
        kind="claim",
        title=claim.summary_en or claim.text,
        meta=f"claim · {claim.language} · {claim.get_kind_display()} · {claim.get_status_display()}",
        tone="claim",
    )
    # The trunk: the chain, outermost first, each link the child of the one before.
    chain_nodes: dict[int, Node] = {}
    parent = root
    for link in dossier.links:
        node = Node(
            kind="chain",
            title=link.display(),
            meta=" · ".join(
                p for p in (link.get_relation_display(), f"“{link.phrase}”" if link.phrase else "") if p
            ),
            tag="origin" if link is dossier.links[-1] else "chain",
            tone="chain",
        )
        parent.children.append(node)
        parent = node
        if link.source_id is not None:
            chain_nodes.setdefault(link.source_id, node)

    live = dossier.live_evidence
    by_article: dict[int, Node] = {}
    rereports: dict[object, list[Evidence]] = defaultdict(list)
    same_outlet: list[Evidence] = []
    independent: dict[object, list[Evidence]] = defaultdict(list)
    refuting: list[Evidence] = []
    denials: list[Evidence] = []
    other: list[Evidence] = []
    copies: list[Evidence] = []
    for e in live:
        if e.stance == Stance.DENIED:
            denials.append(e)
        elif e.stance == Stance.REFUTES:
            refuting.append(e)
        elif e.independence == Independence.SYNDICATED and e.article.copy_of_id:
            copies.append(e)
        elif e.independence in (Independence.RE_REPORT, Independence.SYNDICATED):
            rereports[e.origin_id or ("outlet", outlet_name(e))].append(e)
        elif e.independence == Independence.SAME_OUTLET:
            same_outlet.append(e)
        elif e.independence == Independence.INDEPENDENT and e.stance == Stance.SUPPORTS:
            independent[e.origin_id or ("outlet", outlet_name(e))].append(e)
        else:
            other.append(e)

    def leaves(items: list[Evidence]) -> list[Node]:
        nodes = []
        for e in items:
            node = article_node(e)
            by_article[e.article_id] = node
            nodes.append(node)
        return nodes

    off_chain: list[Node] = []
    for key, items in rereports.items():
        name = origin_name(items[0])
        group = _group(
            f"{_plural(len(items), 're-report')} of {name}",
            items,
            tone="rereport",
            tag="one origin",
            collapsible=True,
        )
        group.children = leaves(items)
        anchor = chain_nodes.get(key) if isinstance(key, int) else None
        if anchor is not None:
            anchor.children.append(group)
        else:
            group.meta = "origin not on the claim's chain · " + group.meta
            off_chain.append(group)
    if same_outlet:
        carrier = root.children[0] if root.children else root
        group = _group(
            f"{_plural(len(same_outlet), 'article')} by the carrying outlet",
            same_outlet,
            tone="copy",
            tag="same outlet",
            collapsible=True,
        )
        group.children = leaves(same_outlet)
        carrier.children.append(group)

    sections: list[Node] = []
    if independent:
        section = Node(kind="section", title=f"Independent confirmations ({len(independent)} origins)")
        for _key, items in independent.items():
            if len(items) == 1 and origin_name(items[0]) == outlet_name(items[0]):
                section.children.extend(leaves(items))  # one outlet's own report: one node
                continue
            branch = _group(
                f"{origin_name(items[0])} — own reporting",
                items,
                tone="independent",
                tag="independent",
                collapsible=False,
            )
            branch.children = leaves(items)
            section.children.append(branch)
        sections.append(section)
    if refuting:
        section = Node(kind="section", title=f"Refuted by ({len(refuting)})", tone="refutes")
        section.children = leaves(refuting)
        sections.append(section)
    if denials:
        section = Node(kind="section", title=f"Denied by the subject ({len(denials)})", tone="denied")
        section.children = leaves(denials)
        sections.append(section)
    if off_chain:
        section = Node(kind="section", title="Re-reports of origins off the chain")
        section.children = off_chain
        sections.append(section)
    if other:
        section = Node(kind="section", title=f"Mentions and not yet judged ({len(other)})")
        group = _group(
            _plural(len(other), "article"), other, tone="mentions", tag="mentions", collapsible=True
        )
        group.children = leaves(other)
        section.children.append(group)
        sections.append(section)

    # Syndicated copies under their original wherever it hangs; else with the re-reports of their origin.
    orphans = []
    for e in copies:
        original = by_article.get(e.article.copy_of_id)
        if original is not None:
            node = article_node(e)
            node.meta = f"copy of article {e.article.copy_of_id} · " + node.meta
            original.children.append(node)
        else:
            orphans.append(e)
    if orphans:
        group = _group(
            _plural(len(orphans), "syndicated copy"), orphans, tone="copy", tag="copies", collapsible=True
        )
        group.children = [article_node(e) for e in orphans]
        sections.append(Node(kind="section", title="Syndicated copies", children=[group]))
    root.children.extend(sections)
    return root


def count_nodes(node: Node) -> int:
    return 1 + sum(count_nodes(child) for child in node.children)
