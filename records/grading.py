"""The rule that turns a track record into a suggested Admiralty reliability grade (A–F).

Stated in the README, and here in code, so a desk can argue with it:

- Only *settled* outcomes count: confirmed (good) against false, misleading or retracted (bad).
  Disputed and unverifiable claims say nothing about the source yet.
- A claim the source **originated** (it is the deepest named link of the chain) weighs 1; a claim it
  only **passed on** as an intermediary weighs ½ — repeating a false story is a fault, but a lesser one.
- The smoothed rate is (good + 1) / (settled + 2) (Laplace: one imagined good and one imagined bad
  claim), so two confirmed claims are 0.75, not 100 %.
- Below MIN_SETTLED (5) weighted settled claims the answer is **F** (cannot be judged), whatever the rate.
- Then: A ≥ 0.90 with ≥ 20 settled, B ≥ 0.80 with ≥ 10, C ≥ 0.65, D ≥ 0.50, else E.

The machine suggests; the editor's own grade (Source.reliability) is shown beside it, never replaced.
"""

from __future__ import annotations

from dataclasses import dataclass

GOOD = ("confirmed",)
BAD = ("false", "misleading", "retracted")
ORIGIN_WEIGHT = 1.0
INTERMEDIARY_WEIGHT = 0.5
MIN_SETTLED = 5.0
# (grade, smallest smoothed rate, smallest weighted settled count), best first.
THRESHOLDS = (("A", 0.90, 20.0), ("B", 0.80, 10.0), ("C", 0.65, MIN_SETTLED), ("D", 0.50, MIN_SETTLED))


@dataclass(frozen=True)
class Suggestion:
    grade: str
    rate: float | None
    settled: float
    reason: str


def _weighted(as_origin: dict[str, int], as_intermediary: dict[str, int], outcomes) -> float:
    return sum(
        ORIGIN_WEIGHT * as_origin.get(o, 0) + INTERMEDIARY_WEIGHT * as_intermediary.get(o, 0)
        for o in outcomes
    )


def suggest_reliability(*, as_origin: dict[str, int], as_intermediary: dict[str, int]) -> Suggestion:
    """The suggested grade from outcome counts (status → claims) as origin and as intermediary."""
    good = _weighted(as_origin, as_intermediary, GOOD)
    settled = good + _weighted(as_origin, as_intermediary, BAD)
    rate = (good + 1) / (settled + 2)
    if settled < MIN_SETTLED:
        return Suggestion(
            "F",
            None,
            settled,
            f"{settled:g} settled claims (weighted); the rule needs {MIN_SETTLED:g} to judge",
        )
    for grade, least_rate, least_settled in THRESHOLDS:
        if rate >= least_rate and settled >= least_settled:
            return Suggestion(
                grade, round(rate, 3), settled, f"{rate:.0%} smoothed over {settled:g} settled claims"
            )
    return Suggestion("E", round(rate, 3), settled, f"{rate:.0%} smoothed over {settled:g} settled claims")
