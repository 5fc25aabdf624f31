"""Patterns tried only where they can match find what the whole search finds (property-based)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.text import figures
from claims.text.patterns import AtEnd

END_PATTERNS = [value for value in vars(figures).values() if isinstance(value, AtEnd)]
# Text ending in what the patterns look for: signs, approximators, capitals, 第, 每, newlines and spaces.
tails = st.lists(st.one_of(st.sampled_from(["US$", "HK$", "MOP$", "R", "RM", "Rs.", "EUR", "NT$", "新台幣", "港元", "nearly",
                                            "more than", "逾", "不少於", "per", "every", "每", "第", "時", "1234", "-", "\n",
                                            " ", "A", "xR", "Operation "]),
                           st.text(alphabet=st.sampled_from(list("aAzZ$.0123 \n-每第点")), max_size=3)),
                 max_size=14).map("".join)


def test_patterns_of_the_figure_reader_are_found():
    assert len(END_PATTERNS) >= 5  # the signs, approximators, 第, hours, phone numbers


@settings(max_examples=300, deadline=None)
@given(text=tails)
def test_at_end_finds_what_a_whole_search_finds(text):
    for pattern in END_PATTERNS:
        found, expected = pattern.search(text), pattern.pattern.search(text)
        assert (found and (found.span(), found.group())) == (expected and (expected.span(), expected.group()))


@pytest.mark.parametrize("pattern", [r"a$|b", r"(?:x|y$)", r"\w+$"])
def test_at_end_refuses_patterns_it_would_get_wrong(pattern):
    with pytest.raises(ValueError):
        AtEnd(pattern)
