"""The track record over time as an inline SVG, drawn here: the admin page loads nothing from elsewhere."""

from __future__ import annotations

from datetime import datetime

from django.utils.html import escape

SERIES = (
    ("confirmed", "#2e7d32", lambda r: r["confirmed"]),
    ("false / misleading / retracted", "#c62828", lambda r: r["false_or_misleading"] + _both(r, "retracted")),
    ("disputed / unverifiable", "#f9a825", lambda r: r["disputed"] + _both(r, "unverifiable")),
)
WIDTH, HEIGHT, PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 640, 220, 40, 16, 16, 48


def _both(record: dict, outcome: str) -> int:
    return record["as_origin"][outcome] + record["as_intermediary"][outcome]


def record_chart_svg(points: list[tuple[datetime, dict]], *, now: datetime) -> str:
    """Step lines of the record's outcome counts after each verdict, with the suggested grade."""
    if not points:
        return '<p class="help">No decided claims name this source yet.</p>'
    start = points[0][0]
    span = max((now - start).total_seconds(), 1.0)
    top = max(value(record) for _, record in points for _, _, value in SERIES) or 1
    plot_w, plot_h = WIDTH - PAD_LEFT - PAD_RIGHT, HEIGHT - PAD_TOP - PAD_BOTTOM

    def x(moment: datetime) -> float:
        return PAD_LEFT + plot_w * (moment - start).total_seconds() / span

    def y(value: float) -> float:
        return PAD_TOP + plot_h * (1 - value / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="Track record over time" '
        'style="font: 11px sans-serif; background: #fff">',
        f'<line x1="{PAD_LEFT}" y1="{y(0):.1f}" x2="{WIDTH - PAD_RIGHT}" y2="{y(0):.1f}" stroke="#999"/>',
        f'<line x1="{PAD_LEFT}" y1="{PAD_TOP}" x2="{PAD_LEFT}" y2="{y(0):.1f}" stroke="#999"/>',
        f'<text x="{PAD_LEFT - 6}" y="{PAD_TOP + 4}" text-anchor="end">{top}</text>',
        f'<text x="{PAD_LEFT - 6}" y="{y(0):.1f}" text-anchor="end">0</text>',
        f'<text x="{PAD_LEFT}" y="{HEIGHT - PAD_BOTTOM + 14}">{start:%Y-%m-%d}</text>',
        f'<text x="{WIDTH - PAD_RIGHT}" y="{HEIGHT - PAD_BOTTOM + 14}" text-anchor="end">{now:%Y-%m-%d}</text>',
    ]
    for index, (label, colour, value) in enumerate(SERIES):
        coords, previous = [], 0
        for moment, record in points:
            coords += [(x(moment), y(previous)), (x(moment), y(value(record)))]
            previous = value(record)
        coords.append((x(now), y(previous)))
        path = " ".join(f"{a:.1f},{b:.1f}" for a, b in [(x(start), y(0)), *coords])
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>')
        lx = PAD_LEFT + index * 200
        parts.append(f'<rect x="{lx}" y="{HEIGHT - 22}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{lx + 14}" y="{HEIGHT - 13}">{escape(label)}</text>')
    grades = []
    for moment, record in points:
        if not grades or grades[-1][1] != record["suggested_reliability"]:
            grades.append((moment, record["suggested_reliability"]))
    for moment, grade in grades:
        parts.append(
            f'<text x="{x(moment) + 2:.1f}" y="{PAD_TOP + 10}" fill="#555">{escape(grade)}</text>'
            f'<line x1="{x(moment):.1f}" y1="{PAD_TOP}" x2="{x(moment):.1f}" y2="{y(0):.1f}" '
            'stroke="#ddd" stroke-dasharray="2,2"/>'
        )
    parts.append("</svg>")
    return "".join(parts)
