"""Indicator figures: two decimals at most, as shown and printed."""

from __future__ import annotations

import pytest

from gbapp.domain.validation import parse_figure


@pytest.mark.parametrize("text, value", [("99,99", 99.99), ("1.200", 1200.0), ("61,5", 61.5),
                                         ("", None), ("0,05", 0.05)])
def test_figures_with_two_decimals_or_fewer(text, value):
    assert parse_figure(text) == value


@pytest.mark.parametrize("text", ["99,999", "0,125", "1.234,567"])
def test_a_third_decimal_is_refused_with_a_message(text):
    with pytest.raises(ValueError, match="tối đa hai chữ số thập phân"):
        parse_figure(text)
