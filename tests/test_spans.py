"""Re-anchoring a span in a revised text by quote and context."""

from claims.text.spans import context, reanchor


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
