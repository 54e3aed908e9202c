"""Which report speaks for a period: one rule for the progress page and the documents."""

from __future__ import annotations

import datetime as dt

from gbapp.domain.entities import Period, ProgressReport, Status


def _setup(db):
    from gbapp.store import assignments, plans

    plan_id = plans.latest_id(db)
    db.execute("DELETE FROM progress_reports")
    agency_id, _name = assignments.agencies_of_plan(db, plan_id)[0]
    item_id = assignments.for_agency(db, plan_id, agency_id)[0][0]
    return plan_id, item_id, agency_id


def _period(db, plan_id, name, start, end):
    from gbapp.store import periods

    return periods.save(db, Period(plan_id=plan_id, name=name, kind="adhoc",
                                   start_on=dt.date(2031, *start), end_on=dt.date(2031, *end)))


def _report(db, item_id, agency_id, period_id, text):
    """A report saying the work is done: the progress page shows one of a period inside the
    chosen one only then (progress.answers); the documents quote any."""
    from gbapp.store import progress

    progress.save(db, ProgressReport(item_id=item_id, agency_id=agency_id, period_id=period_id,
                                     status=Status.DONE_ON_TIME, result=text))


def test_the_latest_inside_speaks_and_of_two_ending_together_the_longer(demo_db):
    from gbapp.services.documents import chosen_reports, included_periods
    from gbapp.store import periods, progress

    plan_id, item_id, agency_id = _setup(demo_db)
    year = _period(demo_db, plan_id, "Năm 2031", (1, 1), (12, 31))
    half = _period(demo_db, plan_id, "6 tháng đầu năm 2031", (1, 1), (6, 30))
    quarter = _period(demo_db, plan_id, "Quý II/2031", (4, 1), (6, 30))  # created later
    first = _period(demo_db, plan_id, "Quý I/2031", (1, 1), (3, 31))
    for period_id, text in ((quarter, "quý II"), (half, "6 tháng"), (first, "quý I")):
        _report(demo_db, item_id, agency_id, period_id, text)

    def spoken() -> tuple[str, str]:
        page = progress.inside(demo_db, year, agency_id)[item_id]
        period = periods.get(demo_db, year)
        docs = chosen_reports(demo_db, {item_id}, period, included_periods(demo_db, period))
        report, of = docs[(item_id, agency_id)]
        assert report.result == page[1].result  # the page and the documents agree
        return report.result, of.name

    # the half year and its second quarter end together: the half year, the longer one
    assert spoken() == ("6 tháng", "6 tháng đầu năm 2031")
    later = _period(demo_db, plan_id, "Quý III/2031", (7, 1), (9, 30))
    _report(demo_db, item_id, agency_id, later, "quý III")
    assert spoken() == ("quý III", "Quý III/2031")
    # the year's own report speaks for it; the page lists only the periods inside
    _report(demo_db, item_id, agency_id, year, "cả năm")
    period = periods.get(demo_db, year)
    docs = chosen_reports(demo_db, {item_id}, period, included_periods(demo_db, period))
    assert docs[(item_id, agency_id)][0].result == "cả năm"
    assert progress.inside(demo_db, year, agency_id)[item_id][1].result == "quý III"
    # a period outside the year says nothing for it
    _report(demo_db, item_id, agency_id,
            periods.save(demo_db, Period(plan_id=plan_id, name="Năm 2032", kind="year",
                                         start_on=dt.date(2032, 1, 1),
                                         end_on=dt.date(2032, 12, 31))), "2032")
    assert progress.inside(demo_db, year, agency_id)[item_id][1].result == "quý III"
