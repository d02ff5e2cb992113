"""Column widths from a table's content for the PDF (pdf.tables.column_widths)."""

from __future__ import annotations

from research_series.pdf.tables import Column, column_widths


def test_a_table_that_fits_the_line_is_left_as_it_is() -> None:
    assert column_widths([Column(4, 4), Column(10, 20)]) is None


def test_each_column_keeps_its_longest_word_and_text_gets_the_rest() -> None:
    year, partner, text = column_widths([Column(4, 4), Column(8, 26), Column(12, 120)]) or []
    assert year >= 5 and partner >= 10  # "Partner" and "DPRK" are never broken
    assert text > partner > year
    assert year + partner + text + 9 <= 62 + 1  # the line, less the padding


def test_a_table_of_long_words_keeps_every_word() -> None:
    widths = column_widths([Column(30, 30), Column(30, 30), Column(30, 30)])
    assert widths == [36, 36, 36]
