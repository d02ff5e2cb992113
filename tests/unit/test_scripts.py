"""Which language a stretch of text is in, from its letters (model.scripts)."""

from __future__ import annotations

import pytest

from research_series.model.scripts import Run, script_runs


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("Plain English, 2019.", [Run("Plain English, 2019.")]),
        ("Đorđević in Zürich", [Run("Đorđević in Zürich")]),
        (
            "The title “신북방정책의 전개” (2019).",
            [Run("The title “"), Run("신북방정책의 전개", "ko"), Run("” (2019).")],
        ),
        ("日本の安全保障政策と中国の関係。", [Run("日本の安全保障政策と中国の関係。", "ja")]),
        ("坚持和平发展道路", [Run("坚持和平发展道路", "zh")]),
        ("한국 外交 정책", [Run("한국 外交 정책", "ko")]),  # Hangul with Hanja
        (
            "中国 and Москва, 2014",
            [Run("中国", "zh"), Run(" and "), Run("Москва", "ru"), Run(", 2014")],
        ),
        ("Αθήνα", [Run("Αθήνα", "el")]),
        (
            "cited الأمن القومي العربي, 2010",
            [Run("cited "), Run("الأمن القومي العربي", "ar"), Run(", 2010")],
        ),
        ("سیاست خارجی ایران", [Run("سیاست خارجی ایران", "fa")]),
        ("ביטחון לאומי.", [Run("ביטחון לאומי", "he"), Run(".")]),
    ],
)
def test_runs_of_one_script_with_its_language(text: str, runs: list[Run]) -> None:
    assert script_runs(text) == runs
    assert "".join(run.text for run in script_runs(text)) == text


def test_right_to_left_languages() -> None:
    assert [run.rtl for run in script_runs("a عربي b עברית c")] == [
        False,
        True,
        False,
        True,
        False,
    ]
