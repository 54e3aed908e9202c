"""Reads of assignments that pages use instead of loading the whole plan."""

from __future__ import annotations


def test_lines_of_agency_are_its_assignments_with_what_a_list_shows(demo_db):
    from gbapp.domain.model import TimeFrame
    from gbapp.store import assignments, items, plans

    plan_id = plans.latest_id(demo_db)
    by_id = {i.id: i for i in items.all_items(demo_db, plan_id)}
    seen = 0
    for agency_id, _name in assignments.agencies_of_plan(demo_db, plan_id):
        expected = [(item_id, by_id[item_id].ref, by_id[item_id].title, role,
                     by_id[item_id].time_frame.end,
                     TimeFrame("", by_id[item_id].time_frame.start, by_id[item_id].time_frame.end,
                               by_id[item_id].time_frame.recurring))
                    for item_id, role in assignments.for_agency(demo_db, plan_id, agency_id)]
        assert assignments.lines_of_agency(demo_db, plan_id, agency_id) == expected
        seen += len(expected)
    assert seen > 20
