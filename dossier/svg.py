"""Server-side SVG for the dossier: the origin tree (one row per node) and the timeline.

Every text is escaped and cut to fit its box (estimated widths: wide CJK characters count double), so
the pictures fit the page's width at 1,400 px and scale down with it (viewBox, width 100%). Nothing
is loaded from anywhere: plain SVG in the page.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

from .tree import Node

WIDTH = 1000
ROW_H = 42
BOX_H = 34
INDENT = 24
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif"

# (stripe, fill, tag colour) per tone
TONES = {
    "claim": ("#111827", "#f3f4f6", "#111827"),
    "chain": ("#2563eb", "#eff6ff", "#1d4ed8"),
    "rereport": ("#0891b2", "#ecfeff", "#0e7490"),
    "copy": ("#94a3b8", "#f8fafc", "#475569"),
    "independent": ("#15803d", "#f0fdf4", "#166534"),
    "refutes": ("#b91c1c", "#fef2f2", "#b91c1c"),
    "denied": ("#c2410c", "#fff7ed", "#c2410c"),
    "mentions": ("#9ca3af", "#f9fafb", "#4b5563"),
    "neutral": ("#6b7280", "#ffffff", "#374151"),
}


@lru_cache(maxsize=4096)
def _char_em(char: str) -> float:
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if char.isupper():
        return 0.66
    if char in "il.,:;'|!“”«» ":
        return 0.3
    return 0.56


def text_width(text: str, size: float) -> float:
    """A font-independent estimate of the drawn width: good enough to cut labels before they overflow."""
    return sum(_char_em(char) for char in text) * size


def fit(text: str, room: float, size: float) -> str:
    """`text` on one line, cut with an ellipsis to fit `room` pixels."""
    text = " ".join(text.split())
    if text_width(text, size) <= room:
        return text
    budget = room / size - _char_em("…")
    used = 0.0
    for i, char in enumerate(text):
        used += _char_em(char)
        if used > budget:
            return text[:i].rstrip() + "…"
    return text


def _text(x, y, text, *, size=12, weight="normal", fill="#111827", anchor="start") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" fill="{fill}" '
        f'text-anchor="{anchor}" font-family="{FONT}">{escape(text)}</text>'
    )


def tree_row(node: Node, guides: list[bool], last: bool, *, open_marker: bool = False) -> str:
    """One node as an SVG row: the guide lines of its ancestors, its elbow, its box and labels."""
    depth = len(guides)
    parts = []
    # guides[i]: the ancestor at depth i has a later sibling, so the line from its parent (column i - 1)
    # runs on past this row.
    for level, continues in enumerate(guides):
        if continues and level > 0:
            x = 10 + (level - 1) * INDENT
            parts.append(f'<line x1="{x}" y1="0" x2="{x}" y2="{ROW_H}" stroke="#9ca3af" stroke-width="1.5"/>')
    x0 = 10 + depth * INDENT
    if depth:
        px = 10 + (depth - 1) * INDENT
        bottom = ROW_H / 2 if last else ROW_H
        parts.append(f'<line x1="{px}" y1="0" x2="{px}" y2="{bottom}" stroke="#9ca3af" stroke-width="1.5"/>')
        parts.append(
            f'<line x1="{px}" y1="{ROW_H / 2}" x2="{x0}" y2="{ROW_H / 2}" stroke="#9ca3af" stroke-width="1.5"/>'
        )
    else:
        x0 = 2
    if node.kind == "section":
        stripe = TONES.get(node.tone, TONES["neutral"])[0]
        parts.append(
            _text(
                x0 + 2,
                ROW_H / 2 + 5,
                fit(node.title, WIDTH - x0 - 10, 14),
                size=14,
                weight="bold",
                fill=stripe,
            )
        )
        return _svg(parts, ROW_H, node.title)
    stripe, fill, tag_colour = TONES.get(node.tone, TONES["neutral"])
    box_w = WIDTH - x0 - 2
    y = (ROW_H - BOX_H) / 2
    parts.append(
        f'<rect x="{x0}" y="{y}" width="{box_w}" height="{BOX_H}" rx="5" fill="{fill}" stroke="{stripe}" '
        f'stroke-width="1"/>'
    )
    parts.append(f'<rect x="{x0}" y="{y}" width="5" height="{BOX_H}" rx="2" fill="{stripe}"/>')
    tag_room = 110 if node.tag else 0
    left = x0 + 12
    title = node.title
    if node.collapsible:
        title = ("▾ " if open_marker else "▸ ") + title
    title_room = box_w - 12 - tag_room - 8
    parts.append(_text(left, y + 14, fit(title, title_room, 12.5), size=12.5, weight="bold"))
    if node.meta:
        parts.append(_text(left, y + 28, fit(node.meta, title_room, 11), size=11, fill="#4b5563"))
    if node.tag:
        parts.append(
            _text(
                x0 + box_w - 10,
                y + 21,
                node.tag.upper(),
                size=10,
                weight="bold",
                fill=tag_colour,
                anchor="end",
            )
        )
    body = "".join(parts)
    if node.evidence_id is not None:
        body = f'<a href="#evidence-{node.evidence_id}">{body}</a>'
    return _svg([body], ROW_H, f"{node.title} {node.meta}")


def _svg(parts: list[str], height: float, label: str) -> str:
    return (
        f'<svg class="ct-row" viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(label)}">'
        f"<title>{escape(label)}</title>{''.join(parts)}</svg>"
    )


def render_tree(root: Node) -> SafeString:
    """The tree as nested rows; a collapsible group is a <details> (closed) whose summary is its row."""

    def walk(node: Node, guides: list[bool], last: bool) -> str:
        child_guides = [*guides, not last]
        kids = "".join(
            walk(child, child_guides, i == len(node.children) - 1) for i, child in enumerate(node.children)
        )
        if node.collapsible and node.children:
            closed = tree_row(node, guides, last)
            opened = tree_row(node, guides, last, open_marker=True)
            return (
                f'<details class="ct-group"><summary><span class="ct-closed">{closed}</span>'
                f'<span class="ct-open">{opened}</span></summary>{kids}</details>'
            )
        return tree_row(node, guides, last) + kids

    return mark_safe(f'<div class="ct-tree" id="origin-tree">{walk(root, [], True)}</div>')


# -- timeline


@dataclass
class Event:
    lane: str
    at: datetime
    label: str
    tone: str
    evidence_id: int | None = None


LANES = [
    ("first", "First appearance", "claim"),
    ("rereport", "Re-reports and copies", "rereport"),
    ("independent", "Independent confirmations", "independent"),
    ("against", "Refutations and denials", "refutes"),
    ("verdict", "Verdicts", "chain"),
]
LANE_H = 56
LABEL_W = 190
TOP = 10


BREAK = timedelta(days=2)
GAP_W = 46


def _scale(times: list[datetime], x0: float, x1: float):
    """A time axis with long quiet gaps cut out: clusters of events (no gap over two days) are drawn to
    scale, each gap between clusters as a fixed break. A wave of re-reports within hours stays legible
    even when a verdict comes months later."""
    times = sorted(times)
    clusters = [[times[0], times[0]]]
    for t in times[1:]:
        if t - clusters[-1][1] > BREAK:
            clusters.append([t, t])
        else:
            clusters[-1][1] = t
    for c in clusters:
        if c[1] - c[0] < timedelta(hours=2):
            c[0], c[1] = c[0] - timedelta(hours=1), c[1] + timedelta(hours=1)
    room = (x1 - x0) - GAP_W * (len(clusters) - 1)
    total = sum((b - a).total_seconds() for a, b in clusters)
    # Each cluster gets at least an even share's third, the rest by duration.
    floor = room / len(clusters) / 3
    spare = room - floor * len(clusters)
    spans, x = [], x0
    for a, b in clusters:
        w = floor + spare * (b - a).total_seconds() / total
        spans.append((a, b, x, x + w))
        x += w + GAP_W

    def x_of(at: datetime) -> float:
        for a, b, xa, xb in spans:
            if at <= b or (a, b, xa, xb) == spans[-1]:
                at = max(at, a)
                return xa + (at - a).total_seconds() / max((b - a).total_seconds(), 1) * (xb - xa)
        return x1

    return x_of, spans


def render_timeline(events: list[Event]) -> SafeString:
    if not events:
        return mark_safe('<p class="ct-empty">Nothing to draw yet: no dated coverage or verdicts.</p>')
    plot_x0, plot_x1 = LABEL_W, WIDTH - 24
    x_of, spans = _scale([e.at for e in events], plot_x0 + 8, plot_x1 - 8)

    height = TOP + LANE_H * len(LANES) + 34
    parts = []
    lane_y = {}
    for i, (key, title, tone) in enumerate(LANES):
        y = TOP + i * LANE_H
        lane_y[key] = y + LANE_H / 2
        if i % 2 == 0:
            parts.append(f'<rect x="0" y="{y}" width="{WIDTH}" height="{LANE_H}" fill="#f9fafb"/>')
        parts.append(_text(6, y + LANE_H / 2 + 4, title, size=12, weight="bold", fill=TONES[tone][0]))
    axis_y = TOP + LANE_H * len(LANES)
    for n, (a, b, xa, xb) in enumerate(spans):
        parts.append(
            f'<line x1="{xa:.1f}" y1="{axis_y}" x2="{xb:.1f}" y2="{axis_y}" stroke="#374151" stroke-width="1.5"/>'
        )
        ticks = [(a, xa), (b, xb)] if xb - xa > 150 else [(a + (b - a) / 2, (xa + xb) / 2)]
        for tick, x in ticks:
            parts.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{axis_y + 4}" stroke="#e5e7eb"/>')
            label = f"{tick:%d %b %Y %H:%M}" if len(ticks) == 1 else f"{tick:%d %b %H:%M}"
            anchor = "middle" if len(ticks) == 1 else ("start" if x == xa else "end")
            parts.append(_text(x, axis_y + 18, label, size=11, fill="#374151", anchor=anchor))
        if n < len(spans) - 1:
            gap = spans[n + 1][0] - b
            gx = xb + GAP_W / 2
            words = f"{gap.days // 30} mo" if gap.days >= 60 else f"{gap.days} d"
            parts.append(
                f'<path d="M{gx - 6:.1f},{axis_y + 6} l6,-12 M{gx:.1f},{axis_y + 6} l6,-12" stroke="#374151" '
                f'stroke-width="1.5"/>'
            )
            parts.append(_text(gx, axis_y - 10, words, size=10, fill="#6b7280", anchor="middle"))

    # The wave of re-reports: a band from the first to the last, with the count.
    waves = [e for e in events if e.lane == "rereport"]
    if waves:
        x_a, x_b = x_of(min(e.at for e in waves)), x_of(max(e.at for e in waves))
        y = lane_y["rereport"]
        parts.append(
            f'<rect x="{x_a - 8:.1f}" y="{y - 12}" width="{max(x_b - x_a, 0) + 16:.1f}" height="24" rx="12" '
            f'fill="#cffafe" stroke="#0891b2"/>'
        )
    placed: dict[str, list[tuple[float, float]]] = {}
    for event in sorted(events, key=lambda e: e.at):
        x, y = x_of(event.at), lane_y[event.lane]
        stripe = TONES[event.tone][0]
        dot = (
            f'<circle cx="{x:.1f}" cy="{y}" r="6" fill="{stripe}" stroke="#fff" stroke-width="1.5">'
            f"<title>{escape(event.label)} — {event.at:%Y-%m-%d %H:%M}</title></circle>"
        )
        if event.evidence_id is not None:
            dot = f'<a href="#evidence-{event.evidence_id}">{dot}</a>'
        parts.append(dot)
        if event.lane == "rereport":
            continue  # labelled as one wave below
        label = fit(event.label, 150, 11)
        w = text_width(label, 11)
        # Above or below the dot, wherever the lane has room; dropped when both are taken.
        taken = placed.setdefault(event.lane, [])
        for offset in (-12, 20):
            lx = min(max(x - w / 2, plot_x0), plot_x1 - w)
            span = (lx, lx + w, offset)
            if all(not (a < span[1] + 6 and span[0] < b + 6 and o == offset) for a, b, o in taken):
                taken.append(span)
                parts.append(_text(lx, y + offset, label, size=11, fill="#111827"))
                break
    if waves:
        counts = Counter(e.label for e in waves)
        text = f"{len(waves)} repeating the story: " + ", ".join(
            f"{n} × {name}" for name, n in counts.most_common()
        )
        x = x_of(min(e.at for e in waves))
        w = min(text_width(text, 11), 420)
        lx = min(max(x - 8, plot_x0), plot_x1 - w)
        parts.append(
            _text(lx, lane_y["rereport"] - 16, fit(text, 420, 11), size=11, weight="bold", fill="#0e7490")
        )
    return mark_safe(
        f'<svg id="timeline" class="ct-timeline" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Timeline of the claim">'
        f"<title>Timeline: first appearance, re-reports, confirmations, denials and verdicts</title>"
        f"{''.join(parts)}</svg>"
    )
