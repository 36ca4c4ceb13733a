"""A claim with N evidence rows of every kind, for the dossier's query-count test and bench/dossier.py.

Invented texts: one origin (a wire's anonymous-source story) re-reported by many outlets, syndicated
copies of some re-reports, independent reports with their own sources, refutations and denials.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from claims.models import AttributionLink, Claim, Evidence, Independence, ReviewState, Stance
from sources.models import Article, Source, SourceKind

TEXT = (
    "The harbour authority will close the northern pier for repairs in March, {outlet} reported, "
    "{cue}. The closure was planned after an inspection found corroded supports, the report said."
)


def claim_with_evidence(n: int, *, tag: str = "dossier") -> Claim:
    origin = Source.objects.create(kind=SourceKind.OUTLET, name=f"Harbour Wire {tag}")
    carrier = Source.objects.create(kind=SourceKind.OUTLET, name=f"Coast Daily {tag}")
    claim = Claim.objects.create(
        text="The northern pier closes for repairs in March",
        language="en",
        summary_en="The northern pier closes for repairs in March.",
        made_at=datetime(2025, 3, 1, 8, 0, tzinfo=UTC),
    )
    AttributionLink.objects.bulk_create(
        [
            AttributionLink(
                claim=claim, position=0, source=carrier, source_kind="outlet", relation="reported_by"
            ),
            AttributionLink(
                claim=claim, position=1, source=origin, source_kind="outlet", phrase="Harbour Wire reported"
            ),
            AttributionLink(
                claim=claim, position=2, source_kind="unnamed", count=2, phrase="citing two officials"
            ),
        ]
    )
    outlets = Source.objects.bulk_create(
        Source(kind=SourceKind.OUTLET, name=f"Outlet {tag} {i}", normalized_name=f"outlet {tag} {i}")
        for i in range(max(n // 4, 3))
    )
    start = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    # kind of the i-th row: mostly re-reports, then independent, copies, refutations, a denial, mentions
    kinds = ["re_report"] * 6 + ["independent", "syndicated", "refutes", "mentions"]
    articles = Article.objects.bulk_create(
        Article(
            url=f"https://{tag}.example/{i}",
            outlet=outlets[i % len(outlets)],
            title=f"Pier closure story {i}",
            language=["en", "de", "ru"][i % 3],
            published_at=start + timedelta(minutes=37 * i),
            text=TEXT.format(outlet=outlets[i % len(outlets)].name, cue="citing Harbour Wire"),
            content_hash=f"{tag}-{i}",
        )
        for i in range(n)
    )
    now = timezone.now()
    rows = []
    for i, article in enumerate(articles):
        kind = "denied" if i == 2 else kinds[i % len(kinds)]
        stance, independence, origin_id, reason = (
            Stance.SUPPORTS,
            Independence.RE_REPORT,
            origin.pk,
            "credits it: “citing Harbour Wire”",
        )
        if kind == "independent":
            independence, origin_id, reason = (
                Independence.INDEPENDENT,
                article.outlet_id,
                "its own reporting: “two port workers said”",
            )
        elif kind == "syndicated":
            independence, reason = Independence.SYNDICATED, f"copy of article {articles[i - 1].pk}"
        elif kind == "refutes":
            stance, independence, origin_id, reason = (
                Stance.REFUTES,
                Independence.INDEPENDENT,
                article.outlet_id,
                "no attribution to the claim's chain or its origin",
            )
        elif kind == "denied":
            stance, independence, origin_id, reason = (
                Stance.DENIED,
                Independence.INDEPENDENT,
                article.outlet_id,
                "the subject's own denial",
            )
        elif kind == "mentions":
            stance = Stance.MENTIONS
        start_at = article.text.index("The harbour")
        rows.append(
            Evidence(
                claim=claim,
                article=article,
                stance=stance,
                independence=independence,
                origin_id=origin_id,
                passage_start=start_at,
                passage_end=start_at + 60,
                passage=article.text[start_at : start_at + 60],
                scores={"score": 0.8, "independence_reason": reason},
                component="bench-matcher",
                component_version="1",
                decided_at=now,
                review_state=ReviewState.PROPOSED,
            )
        )
        if kind == "syndicated":
            Article.objects.filter(pk=article.pk).update(copy_of=articles[i - 1])
    Evidence.objects.bulk_create(rows)
    return claim
