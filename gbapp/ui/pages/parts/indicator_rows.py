"""What the indicators table shows for a year: the target that applies and its assessment. No Qt.

The rule is the domain's (status.assess_indicator), the one the report's appendix and the
workbook use: the page never judges a figure otherwise than the documents print it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ....domain.entities import Indicator, IndicatorValue
from ....domain.status import assess_indicator, target_year_for
from ....domain.validation import figure_total


@dataclass
class IndicatorLine:
    indicator: Indicator
    values: dict[int, IndicatorValue] = field(default_factory=dict)
    year: int = 0
    target_year: int | None = None
    assessment: str = ""

    @property
    def id(self) -> int | None:
        return self.indicator.id

    def value(self, year: int) -> float | None:
        """The year's figure: its total, or men + women of a count."""
        found = self.values.get(year)
        if found is None:
            return None
        return figure_total(self.indicator.unit, found.value, found.men, found.women)


def target_for(ind: Indicator, year: int) -> int | None:
    """The target year a value of *year* is measured against (status.target_year_for)."""
    return target_year_for(ind.targets, year)


def assess_year(ind: Indicator, figure: IndicatorValue | None,
                year: int) -> tuple[int | None, str]:
    judged = assess_indicator(ind, year, figure)
    return judged.target_year, judged.assessment


def target_columns(target_years: set[int] | list[int], year: int, count: int = 3) -> list[int]:
    """The target years shown beside an evaluation *year*: the one it is judged by and the
    next, with the one before when there is room (after the last target year, the last
    ones): 2025 in 2025/2026/2027/2028/2030 shows 2025, 2026 and 2027, not 2027/2028/2030."""
    ordered = sorted(set(target_years))
    judged = next((n for n, y in enumerate(ordered) if y >= year), len(ordered))
    start = min(max(judged - 1, 0), max(len(ordered) - count, 0))
    return ordered[start:start + count]


def expected_years(ind: Indicator | None, plan_years: tuple[int | None, ...],
                   evaluation_year: int) -> tuple[int, int]:
    """The years an indicator's figures are expected for: from the earliest of its baseline,
    the year before the plan's (the report's "năm trước") and the evaluation year, to the last
    of its targets, the plan's years and the evaluation year. A year outside is asked about
    (2052 typed for 2025)."""
    years = [y for y in plan_years if y] + [evaluation_year]
    low = [y - 1 for y in years]
    if ind is not None:
        years += list(ind.targets)
        low += list(ind.targets) + ([ind.baseline_year] if ind.baseline_year else [])
    return min(low), max(years)


def make_lines(indicators: list[Indicator], values: list[IndicatorValue],
               year: int) -> list[IndicatorLine]:
    by_indicator: dict[int, dict[int, IndicatorValue]] = {}
    for v in values:
        by_indicator.setdefault(v.indicator_id, {})[v.year] = v
    lines = []
    for ind in indicators:
        line = IndicatorLine(ind, by_indicator.get(ind.id, {}), year)
        line.target_year, line.assessment = assess_year(ind, line.values.get(year), year)
        lines.append(line)
    return lines
