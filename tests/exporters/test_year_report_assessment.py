"""The year's report has its assessment (III. ĐÁNH GIÁ CHUNG) and next year's tasks
(IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM …), said from the report's own figures and names; the other
periods' reports keep their structure."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import docx
import pytest
from export_helpers import TODAY, run_checker

from gbapp.domain.entities import Item
from gbapp.domain.model import TimeFrame

HEADINGS_YEAR = ["I. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG CỦA KẾ HOẠCH", "II. TIẾN ĐỘ THỰC HIỆN CHUNG",
                 "III. ĐÁNH GIÁ CHUNG", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026",
                 "V. ĐỀ XUẤT, KIẾN NGHỊ"]
HEADINGS_OTHER = ["I. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG CỦA KẾ HOẠCH", "II. TIẾN ĐỘ THỰC HIỆN CHUNG",
                  "III. KHÓ KHĂN, VƯỚNG MẮC", "IV. ĐỀ XUẤT, KIẾN NGHỊ"]
_STATUS_LINE = re.compile(r"^- (.+): (\d+) \([\d,]+%\)[;.]$")
_LISTED = re.compile(r"^- (.+) \(chưa báo cáo \d+(?:/\d+)? nhiệm vụ\)[;.]$")


@pytest.fixture
def db_path(demo_db_file, tmp_path):
    path = tmp_path / "demo.db"
    shutil.copy(demo_db_file, path)
    return path


def _export(db_path, out, kind: str = "year"):
    from gbapp.exporters import ExportOptions, export
    from gbapp.store import open_database

    db = open_database(db_path)
    try:
        period = db.execute("SELECT id FROM periods WHERE kind = ?", [kind]).fetchone()[0]
        return export(db, "report", out, ExportOptions(period=period, date=dt.date(2025, 12, 5),
                                                       today=TODAY))[0]
    finally:
        db.close()


def _edit(db_path, sql: str, params=()):
    from gbapp.store import open_database

    db = open_database(db_path)
    try:
        db.execute(sql, list(params))
        db.conn.commit()
    finally:
        db.close()


def _paragraphs(path) -> list[tuple[str, str]]:
    """(style, text) of the report's body paragraphs, the signature and appendix aside."""
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _between(texts: list[str], start: str, end_prefix: str) -> list[str]:
    at = texts.index(start)
    end = next(n for n in range(at + 1, len(texts)) if texts[n].startswith(end_prefix))
    return texts[at + 1:end]


def test_year_report_assesses_and_plans_from_its_own_figures(db_path, tmp_path):
    out = _export(db_path, tmp_path / "nam.docx")
    paras = _paragraphs(out)
    texts = [t for _, t in paras]
    assert [t for s, t in paras if s == "GB Heading 1"] == HEADINGS_YEAR
    assert "III. KHÓ KHĂN, VƯỚNG MẮC" not in texts
    # section II's figures, as the assessment must repeat them
    two = _between(texts, "II. TIẾN ĐỘ THỰC HIỆN CHUNG", "III. ")
    counts = {m.group(1): int(m.group(2)) for t in two if (m := _STATUS_LINE.match(t))}
    total = sum(counts.values())
    done = counts["Hoàn thành đúng hạn"] + counts["Hoàn thành quá hạn"]
    unreported = [m.group(1) for t in two if (m := _LISTED.match(t))]
    assert total == 13 and unreported

    three = _between(texts, "III. ĐÁNH GIÁ CHUNG", "IV. ")
    heads = [t for t in three if re.match(r"^\d\. ", t)]
    assert heads == ["1. Kết quả đạt được", "2. Tồn tại, hạn chế", "3. Nguyên nhân"]
    results = _between(three, "1. Kết quả đạt được", "2. ")
    assert results[0].startswith(f"- Đến ngày 05/12/2025, đã hoàn thành {done}/{total} nhiệm vụ")
    assert f"{counts['Đang thực hiện (trong hạn)']} nhiệm vụ đang thực hiện trong hạn" \
        in results[0]
    # the indicators met are those the appendix judges "Đạt", by the code it shows
    table = docx.Document(str(out)).tables[-1]
    verdicts = {re.search(r"\((MT[\d.]+)\)", r.cells[1].text).group(1): r.cells[6].text
                for r in table.rows[1:]}
    met = [code for code, v in verdicts.items() if v == "Đạt"]
    not_met = [code for code, v in verdicts.items() if v == "Chưa đạt"]
    assert met and not_met
    assert results[1] == (f"- Có {len(met)}/{len(verdicts)} chỉ tiêu về bình đẳng giới năm 2025 "
                          f"đạt mục tiêu: {', '.join(met)}.")
    shortcomings = _between(three, "2. Tồn tại, hạn chế", "3. ")
    if counts["Chưa triển khai"]:
        assert any(t.startswith(f"- Còn {counts['Chưa triển khai']} nhiệm vụ chưa triển khai (")
                   and "khoản 5 Mục II của Kế hoạch" in t for t in shortcomings)
    agencies_line = next(t for t in shortcomings if "chưa báo cáo đủ" in t)
    assert agencies_line.endswith(": " + ", ".join(unreported) + ";")
    assert any(t.startswith(f"- Có {len(not_met)} chỉ tiêu về bình đẳng giới năm 2025 chưa đạt "
                            f"mục tiêu: {', '.join(not_met)}") for t in shortcomings)
    # the difficulties the agencies reported are the causes; no line for the clerk then
    causes = three[three.index("3. Nguyên nhân") + 1:]
    assert any(t.startswith("- Kinh phí còn hạn chế (") for t in causes)
    assert not any("Cơ quan soạn thảo bổ sung" in t for t in texts)

    # next year: each activity not completed, with its lead, as section I names it
    four = _between(texts, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026", "V. ")
    assert four[0] == "1. Tiếp tục thực hiện các nhiệm vụ chưa hoàn thành năm 2025 của Kế hoạch:"
    open_tasks = [t for t in four[1:] if t.startswith("- ")]
    assert len(open_tasks) == total - done
    assert any(t.startswith("- Điểm b khoản 1 Mục II: Rà soát, đánh giá các mô hình")
               and t.endswith("(chủ trì: Sở Nội vụ);") for t in open_tasks)
    assert open_tasks[-1].endswith(").")
    # the proposals stay, renumbered
    five = texts[texts.index("V. ĐỀ XUẤT, KIẾN NGHỊ") + 1]
    assert five.startswith("- Đề nghị bổ sung kinh phí truyền thông")
    result = run_checker(out, "report")
    assert result.returncode == 0 and "30 passed, 0 failed" in result.stdout, result.stdout


def test_other_periods_keep_their_sections(db_path, tmp_path):
    """The half-year's report is as before; the year's is not (fails on the old code)."""
    half = [t for s, t in _paragraphs(_export(db_path, tmp_path / "h.docx", "half"))
            if s == "GB Heading 1"]
    year = [t for s, t in _paragraphs(_export(db_path, tmp_path / "y.docx"))
            if s == "GB Heading 1"]
    assert half == HEADINGS_OTHER
    assert year == HEADINGS_YEAR


def test_nothing_reported_as_difficulty_leaves_the_causes_to_the_clerk(db_path, tmp_path):
    _edit(db_path, "UPDATE progress_reports SET difficulties = ''")
    out = _export(db_path, tmp_path / "nam.docx")
    paras = _paragraphs(out)
    texts = [t for _, t in paras]
    at = texts.index("3. Nguyên nhân")
    assert paras[at + 1] == ("GB Note", "(Cơ quan soạn thảo bổ sung nguyên nhân.)")
    assert texts[at + 2] == "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026"
    assert "Kinh phí còn hạn chế" not in " ".join(texts)


def test_a_long_list_of_next_year_tasks_is_cut_short(db_path, tmp_path):
    """Nothing reported at all: every activity is still to do; the list says how many more."""
    from gbapp.exporters.report import YEAR_LIST

    from gbapp.store import open_database, progress

    db = open_database(db_path)
    try:
        ids = [r[0] for r in db.execute("SELECT item_id FROM progress_reports")]
        db.execute("DELETE FROM progress_reports")
        progress.refresh_statuses(db, ids)  # as the store keeps them when a report goes
        db.conn.commit()
    finally:
        db.close()
    out = _export(db_path, tmp_path / "nam.docx")
    texts = [t for _, t in _paragraphs(out)]
    four = _between(texts, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026", "V. ")
    lines = [t for t in four if t.startswith("- ")]
    assert len(lines) == YEAR_LIST
    assert lines[-1] == f"- Và {13 - (YEAR_LIST - 1)} nhiệm vụ khác (chi tiết tại Mục I Báo cáo này)."
    shortcomings = _between(texts, "2. Tồn tại, hạn chế", "3. ")
    assert shortcomings[0].startswith("- Còn 13 nhiệm vụ chưa triển khai (điểm a, b, c khoản 1 "
                                      "Mục II; ")
    # nothing done: nothing claimed as achieved but the count
    results = _between(texts, "1. Kết quả đạt được", "2. ")
    assert results[0] == "- Đến ngày 05/12/2025, đã hoàn thành 0/13 nhiệm vụ, hoạt động theo Kế hoạch (0%)."


def test_recurring_work_done_this_year_goes_on_next_year(db_path, tmp_path):
    """A task done in the year whose time is "Thường xuyên" continues; one whose written years
    end with the year does not."""
    _edit(db_path, "UPDATE items SET tf_text = 'Thường xuyên', tf_recurring = 1 WHERE ref = ?",
          ["II.1.a"])
    _edit(db_path, "UPDATE items SET tf_text = 'Hằng năm, giai đoạn 2021 - 2025', "
                   "tf_recurring = 1 WHERE ref = ?", ["II.1.c"])
    out = _export(db_path, tmp_path / "nam.docx")
    texts = [t for _, t in _paragraphs(out)]
    four = _between(texts, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026", "V. ")
    at = four.index("2. Duy trì thực hiện các nhiệm vụ thường xuyên, hằng năm:")
    recurring = four[at + 1:]
    assert len(recurring) == 1
    assert recurring[0].startswith("- Điểm a khoản 1 Mục II: Tiếp tục triển khai thực hiện")
    assert recurring[0].endswith("(chủ trì: Sở Nội vụ).")
    assert not any("Điểm c khoản 1 Mục II" in t for t in four)


def test_continues_after_reads_the_years_the_plan_wrote():
    from gbapp.services.documents import continues_after

    def item(text, end, recurring=True):
        return Item(time_frame=TimeFrame(text=text, start=dt.date(2025, 1, 1), end=end,
                                         recurring=recurring))

    assert continues_after(item("Thường xuyên", dt.date(2025, 12, 31)), 2025)
    assert continues_after(item("Hằng năm, giai đoạn 2025 - 2030", dt.date(2030, 12, 31)), 2025)
    assert continues_after(item("Quý II/2025 và các năm tiếp theo", None), 2025)
    assert not continues_after(item("Hằng năm, giai đoạn 2021 - 2025", dt.date(2025, 12, 31)),
                               2025)
    assert not continues_after(item("Năm 2025", dt.date(2025, 12, 31), recurring=False), 2025)
