"""Indicators (chỉ tiêu), their targets per year and their yearly values split men/women."""

from __future__ import annotations

import math

from ..domain.entities import Indicator, IndicatorValue
from ..domain.text import clean_line, clean_text
from .connection import Database


def list_indicators(db: Database) -> list[Indicator]:
    rows = db.execute("SELECT id, code, name, unit, direction, baseline, baseline_year, source, "
                      "note FROM indicators ORDER BY id").fetchall()
    targets: dict[int, dict[int, float]] = {}
    for ind_id, year, value in db.execute(
            "SELECT indicator_id, year, value FROM indicator_targets ORDER BY year").fetchall():
        targets.setdefault(ind_id, {})[year] = value
    return [Indicator(*r, targets=targets.get(r[0], {})) for r in rows]


def get(db: Database, indicator_id: int) -> Indicator | None:
    return next((i for i in list_indicators(db) if i.id == indicator_id), None)


def _check_finite(*numbers: float | None) -> None:
    """Infinity or NaN (an overflowing figure, a bad import) never reaches the file: it would
    be printed "inf" in the report."""
    if any(n is not None and not math.isfinite(n) for n in numbers):
        raise ValueError("Số liệu chỉ tiêu không hợp lệ (quá lớn hoặc không phải là số). "
                         "(indicator figure is not a finite number)")


def save(db: Database, ind: Indicator) -> int:
    """Insert or update an indicator with its targets."""
    if not clean_line(ind.code) or not clean_line(ind.name):
        raise ValueError("Mã và tên chỉ tiêu là bắt buộc. (indicator code and name are required)")
    _check_finite(ind.baseline, *ind.targets.values())
    values = [clean_line(ind.code), clean_line(ind.name), clean_line(ind.unit), ind.direction,
              ind.baseline, ind.baseline_year, clean_line(ind.source), clean_text(ind.note)]
    with db.atomic():  # the indicator and its targets together, in a caller's action or not
        return _save(db, ind, values)


def _save(db: Database, ind: Indicator, values: list) -> int:
    if ind.id is None:
        ind_id = db.execute(
            "INSERT INTO indicators (code, name, unit, direction, baseline, baseline_year, source, "
            "note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values).lastrowid
    else:
        ind_id = ind.id
        db.execute("UPDATE indicators SET code = ?, name = ?, unit = ?, direction = ?, "
                   "baseline = ?, baseline_year = ?, source = ?, note = ? WHERE id = ?",
                   values + [ind_id])
    db.execute("DELETE FROM indicator_targets WHERE indicator_id = ?", [ind_id])
    db.conn.executemany("INSERT INTO indicator_targets (indicator_id, year, value) VALUES (?, ?, ?)",
                        [(ind_id, y, v) for y, v in sorted(ind.targets.items())])
    return ind_id


def delete(db: Database, indicator_id: int) -> None:
    db.execute("DELETE FROM indicators WHERE id = ?", [indicator_id])


def values(db: Database, indicator_id: int | None = None,
           year: int | None = None) -> list[IndicatorValue]:
    """The yearly figures, of one indicator and/or of one year when given."""
    sql = "SELECT id, indicator_id, year, value, men, women, note, is_sample FROM indicator_values"
    where, params = [], []
    if indicator_id is not None:
        where.append("indicator_id = ?")
        params.append(indicator_id)
    if year is not None:
        where.append("year = ?")
        params.append(year)
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows = db.execute(sql + " ORDER BY indicator_id, year", params).fetchall()
    return [IndicatorValue(*r[:7], is_sample=bool(r[7])) for r in rows]


def save_value(db: Database, value: IndicatorValue) -> None:
    """Insert or replace the value of an indicator for a year."""
    _check_finite(value.value, value.men, value.women)
    db.execute(
        "INSERT INTO indicator_values (indicator_id, year, value, men, women, note, is_sample) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(indicator_id, year) DO UPDATE SET "
        "value = excluded.value, men = excluded.men, women = excluded.women, "
        "note = excluded.note, is_sample = excluded.is_sample",
        [value.indicator_id, value.year, value.value, value.men, value.women,
         clean_text(value.note), int(value.is_sample)])


def delete_value(db: Database, indicator_id: int, year: int) -> None:
    db.execute("DELETE FROM indicator_values WHERE indicator_id = ? AND year = ?",
               [indicator_id, year])


def link_item(db: Database, item_id: int, indicator_ids: list[int]) -> None:
    """Set the indicators an activity contributes to."""
    with db.atomic():
        db.execute("DELETE FROM item_indicators WHERE item_id = ?", [item_id])
        db.conn.executemany("INSERT INTO item_indicators (item_id, indicator_id) VALUES (?, ?)",
                            [(item_id, i) for i in dict.fromkeys(indicator_ids)])


def linked(db: Database, item_id: int) -> list[int]:
    return [r[0] for r in db.execute(
        "SELECT indicator_id FROM item_indicators WHERE item_id = ?", [item_id]).fetchall()]
