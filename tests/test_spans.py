"""Spans: re-anchoring a span in a revised text by quote and context, and the paragraph around a span."""

from claims.text.spans import context, paragraph, reanchor


def test_quote_found_after_text_inserted_before_it():
    old = "Intro. Over 7,400 incidents were reported."
    start = old.index("7,400")
    prefix, suffix = context(old, start, start + 5)
    new = "A new first paragraph.\n\n" + old
    assert reanchor(new, "7,400", prefix, suffix, hint=start) == new.index("7,400")


def test_context_picks_the_right_one_of_repeated_quotes():
    old = "In 2013 nearly 47,000 hosts. In 2014 nearly 47,000 sites."
    start = old.rindex("47,000")
    prefix, suffix = context(old, start, start + 6)
    new = old.replace("In 2013", "During 2013")
    assert reanchor(new, "47,000", prefix, suffix) == new.rindex("47,000")


def test_missing_or_ambiguous_quote_is_not_placed():
    assert reanchor("nothing here", "47,000", "", "") is None
    assert reanchor("47,000 and 47,000", "47,000", "zzz", "qqq") is None


def test_paragraph_is_the_lines_the_span_touches():
    text = "Title\n\nFirst line.\nThe quote is here.\nLast."
    start = text.index("quote")
    left, right = paragraph(text, start, start + 5)
    assert text[left:right] == "The quote is here."
    across = text.index("line."), text.index("The quote") + 3  # a span over a line break takes both lines
    assert text[slice(*paragraph(text, *across))] == "First line.\nThe quote is here."
    assert text[slice(*paragraph(text, 0, 5))] == "Title"  # the first line, without a break before it


def test_paragraph_is_cut_around_a_long_line():
    text = "a" * 1000 + "QUOTE" + "b" * 1000
    left, right = paragraph(text, 1000, 1005, limit=10)
    assert text[left:right] == "a" * 10 + "QUOTE" + "b" * 10
