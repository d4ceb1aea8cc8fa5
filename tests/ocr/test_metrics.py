import pytest

from ocr.metrics import canonical_text, character_error_rate, edit_distance, word_error_rate


def test_edit_distance_counts_insertions_deletions_substitutions() -> None:
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("", "abc") == 3
    assert edit_distance("same", "same") == 0


def test_whitespace_runs_count_once_and_line_breaks_are_characters() -> None:
    assert canonical_text("  a   b \n\n c\t d  ") == "a b\nc d"
    assert character_error_rate("ab\ncd", "ab cd") == pytest.approx(1 / 5)


def test_case_insensitive_cer_ignores_case_only() -> None:
    assert character_error_rate("HELLO", "hello") == pytest.approx(1.0)
    assert character_error_rate("HELLO", "hello", case_sensitive=False) == 0.0
    assert character_error_rate("HELL0", "hello", case_sensitive=False) == pytest.approx(0.2)


def test_word_error_rate_and_empty_truth() -> None:
    assert word_error_rate("the quick brwn fox", "the quick brown fox") == pytest.approx(0.25)
    assert character_error_rate("", "") == 0.0
    assert character_error_rate("x", "") == 1.0
