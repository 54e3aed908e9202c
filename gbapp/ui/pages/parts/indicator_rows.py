"""What the indicators table shows for a year: the target that applies and its assessment. No Qt."""

from __future__ import annotations

from dataclasses import dataclass, field

from ....domain.entities import Indicator, IndicatorValue
from ....domain.status import assess


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
        found = self.values.get(year)
        return found.value if found else None


def target_for(ind: Indicator, year: int) -> int | None:
    """The target year a value of *year* is measured against: the next target, else the last."""
    ahead = [y for y in ind.targets if y >= year]
    if ahead:
        return min(ahead)
    return max(ind.targets) if ind.targets else None


def assess_year(ind: Indicator, value: float | None, year: int) -> tuple[int | None, str]:
    target_year = target_for(ind, year)
    target = ind.targets.get(target_year) if target_year is not None else None
    return target_year, assess(ind.direction, target, value, baseline=ind.baseline, year=year,
                               target_year=target_year, baseline_year=ind.baseline_year)


def make_lines(indicators: list[Indicator], values: list[IndicatorValue],
               year: int) -> list[IndicatorLine]:
    by_indicator: dict[int, dict[int, IndicatorValue]] = {}
    for v in values:
        by_indicator.setdefault(v.indicator_id, {})[v.year] = v
    lines = []
    for ind in indicators:
        line = IndicatorLine(ind, by_indicator.get(ind.id, {}), year)
        line.target_year, line.assessment = assess_year(ind, line.value(year), year)
        lines.append(line)
    return lines
