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


def test_an_indicator_saved_outside_an_action_keeps_its_targets_and_links(tmp_path):
    """indicators.save and link_item are whole on their own: called outside a transaction (a
    script, the command line), the targets and links were left in an uncommitted one and lost
    when the file closed."""
    from gbapp.domain.entities import Indicator
    from gbapp.domain.model import ItemKind, ParsedItem, ParsedPlan, PlanMeta
    from gbapp.services.importing import store_plan
    from gbapp.store import indicators, open_database

    path = tmp_path / "i.db"
    db = open_database(path)
    store_plan(db, ParsedPlan(PlanMeta(number="1/KH-X", title="Kế hoạch"),
                              [ParsedItem(kind=ItemKind.ROMAN, label="I", title="NHIỆM VỤ")]))
    item_id = db.execute("SELECT id FROM items").fetchone()[0]
    ind_id = indicators.save(db, Indicator(code="MT1", name="Tỷ lệ nữ", targets={2025: 30.0,
                                                                                  2030: 35.0}))
    indicators.link_item(db, item_id, [ind_id])
    db.close()
    db = open_database(path)
    assert indicators.get(db, ind_id).targets == {2025: 30.0, 2030: 35.0}
    assert indicators.linked(db, item_id) == [ind_id]
    db.close()
