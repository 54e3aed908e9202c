"""The store keeps no figure that is not a finite number (it would print "inf")."""

from __future__ import annotations

import math

import pytest

from gbapp.domain.entities import Indicator, IndicatorValue
from gbapp.store import indicators


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan])
def test_an_infinite_figure_is_refused_and_nothing_stored(db, bad):
    ind_id = indicators.save(db, Indicator(code="X", name="Tỷ lệ", targets={2025: 50.0}))
    for value in (IndicatorValue(indicator_id=ind_id, year=2025, value=bad),
                  IndicatorValue(indicator_id=ind_id, year=2025, value=10, men=bad)):
        with pytest.raises(ValueError, match="không hợp lệ"):
            indicators.save_value(db, value)
    assert indicators.values(db, ind_id) == []
    with pytest.raises(ValueError, match="không hợp lệ"):
        indicators.save(db, Indicator(id=ind_id, code="X", name="Tỷ lệ", targets={2030: bad}))
    assert indicators.get(db, ind_id).targets == {2025: 50.0}
