"""Patterns tried only where they can match find what the whole search finds (property-based)."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.text import datephrases, detect, events, figures
from claims.text.patterns import AtEnd, FromHeads

END_PATTERNS = [value for value in vars(figures).values() if isinstance(value, AtEnd)]
# Text ending in what the patterns look for: signs, approximators, capitals, 第, 每, newlines and spaces.
tails = st.lists(st.one_of(st.sampled_from(["US$", "HK$", "MOP$", "R", "RM", "Rs.", "EUR", "NT$", "新台幣", "港元", "nearly",
                                            "more than", "NEARLY", "More Than", "逾", "不少於", "per", "every", "每", "第", "時", "1234", "-", "\n",
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


DATE_FINDERS = [(finditer.__self__.pattern, finditer.__self__) for finditer in datephrases.FINDITER
                if isinstance(finditer.__self__, FromHeads)]
# Lowered text of what date phrases are made of, in both scripts, joined at random.
date_texts = st.lists(st.one_of(
    st.sampled_from(["from ", "between ", "since ", "in ", "last ", "next ", "this ", "the ", "first ", "quarter",
                     "january ", "jan. ", "may", "sept ", "monday", "week", "year", "month", "day", "h1 ", "q3 ",
                     "2024", "14", "3rd ", "民國", "113年", "去年", "今年", "上半年", "前五個月", "月", "日", "号", "至", "到",
                     "周二", "上週", "星期", "本月", "同月", "自", "从", "起", "以来", "底", "（", "(", ")", "十二", "二〇二二",
                     "〇", "一", "二", "三", "-", "–", ",", " ", "\n"]),
    st.text(alphabet=st.sampled_from(list("0123456789年月日至到 -fromtobetweenand")), max_size=4)), max_size=30).map("".join)


def test_date_patterns_mostly_jump_to_their_beginnings():
    assert len(DATE_FINDERS) >= 50


@settings(max_examples=300, deadline=None)
@given(text=date_texts)
def test_from_heads_finds_what_finditer_finds(text):
    for pattern, finder in DATE_FINDERS:
        assert [(m.span(), m.groupdict()) for m in finder.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in pattern.finditer(text)], pattern.pattern


@pytest.mark.parametrize("pattern", [r"\w+day", r"(?:on )?\d*", r"(?i)from \d", r"[^a]b", r".x", r"(?P<d>\d)x(?P=d)"])
def test_from_heads_refuses_patterns_it_cannot_narrow(pattern):
    with pytest.raises(ValueError):
        FromHeads(pattern)


number_texts = st.lists(st.one_of(
    st.sampled_from(["RM", "US$", "R", "EUR", " million", "bn", "m ", "k", "万", "亿", "多", "余", "%", " per cent",
                     "成", "百分点", "A", "x", "_", "."]),
    st.text(alphabet=st.sampled_from(list("0123456789,. ")), max_size=6)), max_size=20).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=number_texts, start=st.integers(0, 5), cut=st.integers(0, 5))
def test_the_number_finder_finds_what_finditer_finds(text, start, cut):
    end = max(start, len(text) - cut)
    assert [(m.span(), m.groupdict()) for m in figures.NUMBER_FINDER.finditer(text, start, end)] == \
        [(m.span(), m.groupdict()) for m in figures.DIGITS.finditer(text, start, end)]


@pytest.mark.parametrize("pattern", [re.compile(r"(?<![\d年])(?P<month>1[0-2]|[1-9])月"),
                                     re.compile(r"(?<!\d) 20 \d\d  # a year, looked back at from its first digit", re.X)])
@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("0123456789年月x ")), max_size=20))
def test_from_heads_looks_back_from_the_first_character_as_the_pattern_would(pattern, text):
    assert [(m.span(), m.groupdict()) for m in FromHeads(pattern).finditer(text)] == \
        [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


FIGURE_AND_CLAUSE_FINDERS = [value for module in (figures, events, datephrases, detect) for value in vars(module).values()
                             if isinstance(value, FromHeads)]
# What numbers, shares, clause breaks, verbs and the words around a number are made of, in both scripts and
# either case, joined at random.
mixed_texts = st.lists(st.one_of(
    st.sampled_from(["one ", "two", " in ", "out of ", "every ", "half", "a third", "tens of ", "thousands of ", "twenty-one",
                     "hundred", " and ", "arrested", "taken ", "held", "ed ", " while ", " but ", " then ", "seized",
                     "三分之一", "百分之", "近", "一半", "半数", "万", "萬", "亿", "二", "十", "成", "余", "多", "并", "並且", "合并",
                     "；", "，", "：", ",", ":", "/", ".", " ", "\u00a0", "\n", "A", "x", "No. ", "Article ", "LockBit ",
                     "Operation Endgame ", "the ", "The ", "aged ", "AGED ", "per ", "每", "call ", "Call Police ", "on ",
                     "dial", "拨打", "热线", "Sept ", "MAY ", "will ", "Will ", "expected", "将于", "共", "累计", "in total",
                     "第", "$", "US$", "RM", "Rs.", "EUR ", "nearly ", "More than ", "逾", "不少於", "新台幣"]),
    st.text(alphabet=st.sampled_from(list("0123456789,. ")), max_size=5)), max_size=25).map("".join)


def test_figure_and_clause_patterns_jump_to_their_beginnings():
    assert len(FIGURE_AND_CLAUSE_FINDERS) >= 20  # numbers, shares, clause breaks, verbs, what stands before a number


@settings(max_examples=300, deadline=None)
@given(text=mixed_texts, start=st.integers(0, 5), cut=st.integers(0, 5))
def test_figure_and_clause_finders_find_what_finditer_and_search_find(text, start, cut):
    end = max(start, len(text) - cut)
    for finder in FIGURE_AND_CLAUSE_FINDERS:
        assert [(m.span(), m.groupdict()) for m in finder.finditer(text, start, end)] == \
            [(m.span(), m.groupdict()) for m in finder.pattern.finditer(text, start, end)], finder.pattern.pattern
        found, expected = finder.search(text, start, end), finder.pattern.search(text, start, end)
        assert (found and (found.span(), found.groupdict())) == (expected and (expected.span(), expected.groupdict()))
