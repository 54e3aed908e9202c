"""Quick checks on the importer's hot paths give what the patterns they stand for give."""

from __future__ import annotations

import re

from hypothesis import assume, given
from hypothesis import strategies as st

TOKENS = ["trì", "hợp", "thực", "hiện", "chủ", ":", " ", "  ", "\n", "\t", "Sở", "a", ",", "."]


@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))
def test_the_colon_check_finds_what_the_pattern_finds(value):
    from gbapp.importers.agencies import _ANY_COLON_RE, _role_colon

    low = value.lower()
    assume(all(len(run) < 12 for run in re.findall(r"\s+", low)))  # (longer runs: not looked at)
    assert _role_colon(low) == (_ANY_COLON_RE.search(low) is not None)


@given(st.text(alphabet=st.sampled_from(
    "ab ạ\xa0\u2002\u2003\u2009\u202f\u200b\u200c\u200d\ufeff\x01\r\n")) | st.text())
def test_fast_clean_equals_its_patterns(value):
    from gbapp.domain.text import clean_text
    from gbapp.importers.lines import _INVISIBLE, _ODD_SPACES, fast_clean

    assert fast_clean(value) == _INVISIBLE.sub("", _ODD_SPACES.sub(" ", clean_text(value)))
