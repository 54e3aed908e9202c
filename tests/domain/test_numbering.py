from hypothesis import given
from hypothesis import strategies as st

from gbapp.domain.numbering import (
    VI_LETTERS,
    display_label,
    from_roman,
    legal_reference,
    letter,
    letter_index,
    short_reference,
    sibling_labels,
    to_roman,
)


def test_vietnamese_point_letters_skip_f_j_w_z_and_include_dd():
    assert [letter(n) for n in range(1, 24)] == VI_LETTERS
    assert letter(5) == "đ" and letter(6) == "e" and letter(7) == "g"
    assert letter_index("đ") == 5 and letter_index("f") is None


@given(st.integers(1, 3999))
def test_roman_round_trip(n):
    assert from_roman(to_roman(n)) == n


def test_display_labels():
    assert [display_label(k, 2) for k in ("roman", "arabic", "letter", "dash", "plus")] == [
        "II.", "2.", "b)", "-", "+"]


def test_each_kind_counts_on_its_own():
    assert sibling_labels(["arabic", "dash", "arabic"]) == ["1", "-", "2"]


def test_references_in_both_forms():
    assert short_reference(["II", "1", "a", "-"]) == "II.1.a"
    assert legal_reference([("roman", "II"), ("arabic", "1"), ("letter", "a")]) == (
        "điểm a khoản 1 Mục II")


def test_a_task_inside_a_group_has_no_legal_name_and_is_referred_to_by_its_path():
    """'II' → group 'B' → task '3' is not 'khoản 3 điểm b Mục II' (which does not exist)."""
    from gbapp.domain.model import ItemKind
    from gbapp.domain.numbering import is_task_group, legal_reference

    assert legal_reference([(ItemKind.ROMAN, "II"), (ItemKind.LETTER, "B"),
                            (ItemKind.ARABIC, "3")]) == "nội dung II.B.3"
    assert legal_reference([(ItemKind.ROMAN, "II"), (ItemKind.ARABIC, "1"),
                            (ItemKind.LETTER, "a")]) == "điểm a khoản 1 Mục II"
    assert legal_reference([(ItemKind.ROMAN, "II"), (ItemKind.LETTER, "a")]) == "điểm a Mục II"
    assert is_task_group(ItemKind.LETTER, "B") and not is_task_group(ItemKind.LETTER, "b")
    assert not is_task_group(ItemKind.ARABIC, "B")
