"""Bigram search terms for Chinese in both scripts."""

from claims.text.search_terms import bigrams, han_tsquery, script_variants, split_query


def test_bigrams_overlap_and_single_characters_stay():
    assert bigrams("网络安全") == ["网络", "络安", "安全"]
    assert bigrams("网") == ["网"]


def test_script_variants_cover_simplified_and_traditional():
    assert set(script_variants("网络安全")) == {"网络安全", "網絡安全"}
    assert set(script_variants("網絡安全")) == {"網絡安全", "网络安全"}
    assert script_variants("cyber security") == ["cyber security"]


def test_query_splits_into_english_and_han_runs():
    assert split_query("cyber 网络安全 law") == ("cyber   law", ["网络安全"])


def test_han_tsquery_is_a_phrase_in_each_script():
    query = han_tsquery(["网络安全"])
    assert "('网络' <-> '络安' <-> '安全')" in query
    assert "('網絡' <-> '絡安' <-> '安全')" in query
    assert " | " in query
