import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from gbapp.domain.text import clean_line, clean_text, fold, vi_sort_key


def test_clean_text_normalises_and_strips_controls():
    nfd = unicodedata.normalize("NFD", "Bình đẳng giới")
    assert clean_text(nfd + "\x01\x07") == "Bình đẳng giới"
    assert unicodedata.is_normalized("NFC", clean_text(nfd))
    assert clean_text("dòng 1\x0bdòng 2") == "dòng 1\ndòng 2"
    assert clean_line("  a \n b\t c ") == "a b c"
    assert clean_text("phụ nữ 👩‍💼") == "phụ nữ 👩‍💼"


def test_fold_ignores_case_and_diacritics():
    assert fold("BÌNH ĐẲNG GIỚI") == "binh dang gioi"
    assert fold(unicodedata.normalize("NFD", "Đắk Lắk")) == "dak lak"


def test_vietnamese_order():
    names = ["Ủy ban", "Đài", "Dân tộc", "Sở Y tế", "Ban", "Sở Nội vụ", "Ư", "U", "Bộ"]
    assert sorted(names, key=vi_sort_key) == [
        "Ban", "Bộ", "Dân tộc", "Đài", "Sở Nội vụ", "Sở Y tế", "U", "Ủy ban", "Ư"]


def test_money_as_clerks_type_it():
    import pytest

    from gbapp.domain.validation import format_money, parse_money

    assert parse_money("15.000.000") == parse_money("15 000 000 đ") == 15_000_000
    assert parse_money("12,000,000") == parse_money("15000000") - 3_000_000
    assert parse_money("") is None
    assert format_money(15_000_000) == "15.000.000"
    with pytest.raises(ValueError, match="không phải là một số tiền"):
        parse_money("15,5,5")


_VIETNAMESE = ("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY "
               "\u0300\u0301\u0303\u0309\u0323")


@given(st.text(alphabet=st.sampled_from(_VIETNAMESE + "≠Å;Ø–“”ß\u1fef\u037e\u212b")) | st.text())
def test_fold_fast_path_equals_the_table(value):
    """fold() takes a faster route for Vietnamese text; it must give what the table gives,
    since search columns already stored were folded by the table."""
    from gbapp.domain.text import _fold_by_table, fold

    for text in (value, unicodedata.normalize("NFC", value), unicodedata.normalize("NFD", value)):
        assert fold(text) == _fold_by_table(text)


@given(st.text(alphabet=st.sampled_from(_VIETNAMESE + "_-/.,:;()–“”…\t\n0123456789²ßΩ")) | st.text())
def test_search_words_fast_path_equals_the_word_pattern(value):
    """search_words() splits ASCII text with a byte table; it must give the words the
    pattern finds, which is also where the search index (unicode61) breaks words."""
    from gbapp.domain.text import _WORD_RE, search_words

    words = _WORD_RE.findall(fold(value))
    assert search_words(value) == " ".join(words)
    assert all(word.isalnum() for word in words)


@given(st.text(alphabet=st.sampled_from("ab đ\t\n\r\x0b\x0c\x1c\x85\xa0\u2003\u2028\u3000")) | st.text())
def test_single_spaced_equals_split_and_join(value):
    from gbapp.domain.text import single_spaced

    assert single_spaced(value) == " ".join(value.split())


@given(st.text())
def test_clean_line_fast_path_equals_split_and_join(value):
    from gbapp.domain.text import clean_line, clean_text

    assert clean_line(value) == " ".join(clean_text(value).split())


def test_without_gist_keeps_brackets_of_the_vietnamese_part():
    from gbapp.domain.text import without_gist

    assert without_gist("Thiếu quyền hạn ký (TM./KT.), chức vụ. (signature incomplete)") == \
        "Thiếu quyền hạn ký (TM./KT.), chức vụ."
    assert without_gist("Không có phần tiếng Anh.") == "Không có phần tiếng Anh."
    assert without_gist("(only a gist)") == "(only a gist)"


def test_search_words_break_words_where_the_search_index_does():
    """Every letter or digit Python knows, between two letters: search_words() and SQLite's
    unicode61 tokenizer (the activities' word index) must see the same words, else a word is
    found through the index and not through SQL, or the other way round."""
    import sqlite3

    from gbapp.domain.text import search_words

    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE f USING fts5(s, tokenize='unicode61 remove_diacritics 0')")
    con.execute("CREATE VIRTUAL TABLE v USING fts5vocab(f, instance)")
    words = {cp: search_words(f"Ab{chr(cp)}z") for cp in range(0x80, 0x110000)
             if not 0xD800 <= cp < 0xE000 and chr(cp).isalnum()}
    con.executemany("INSERT INTO f (rowid, s) VALUES (?, ?)", words.items())
    tokens: dict[int, list[str]] = {}
    for doc, term in con.execute("SELECT doc, term FROM v ORDER BY doc, offset"):
        tokens.setdefault(doc, []).append(term)
    differ = [hex(cp) for cp, text in words.items() if text.split() != tokens.get(cp, [])]
    assert differ == [] and len(words) > 100_000


def test_without_gist_takes_english_only_line_by_line():
    from gbapp.domain.text import without_gist

    assert without_gist("Kỳ báo cáo (đã quá hạn)") == "Kỳ báo cáo (đã quá hạn)"
    assert without_gist("Không mở được «a.db». (database not found)\n\nHãy chọn tệp khác "
                        "(or pick another file)") == "Không mở được «a.db».\n\nHãy chọn tệp khác"
    assert without_gist("Văn bản bị cắt ngắn (có dấu [...]): chỉ nhập được phần có sẵn (text is "
                        "truncated: only the available part was imported)") == \
        "Văn bản bị cắt ngắn (có dấu [...]): chỉ nhập được phần có sẵn"
    assert without_gist("Mục (II.1)") == "Mục (II.1)"


def test_without_gist_takes_a_gist_with_a_type_code_and_keeps_vietnamese():
    from gbapp.domain.text import without_gist

    assert without_gist("Văn bản này là một công điện, không phải kế hoạch. (not a plan: a CĐ)") \
        == "Văn bản này là một công điện, không phải kế hoạch."
    assert without_gist("Tệp không phải văn bản Word .docx hợp lệ: tệp bị hỏng hoặc bị cắt ngắn "
                        "(not a valid .docx file: corrupt or truncated zip, File is not a zip "
                        "file)") == "Tệp không phải văn bản Word .docx hợp lệ: tệp bị hỏng hoặc " \
                                    "bị cắt ngắn"
    assert without_gist("Hạn nộp (đã quá hạn)") == "Hạn nộp (đã quá hạn)"
