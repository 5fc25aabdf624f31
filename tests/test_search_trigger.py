"""The search triggers' SQL (migrations 0003 and 0009, which makemigrations cannot see) agrees with the
Python side: the database's bigrams are claims.text.search_terms' bigrams, and the triggers index the
fields that search falls back to elsewhere."""

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.models import Claim, Document
from claims.search import CLAIM_SEARCH_FIELDS, DOCUMENT_SEARCH_FIELDS
from claims.text.search_terms import HAN_RUN, bigrams

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(connection.vendor != "postgresql", reason="the triggers are PostgreSQL's")]

# Han characters at both ends of the range and just outside it (U+33FF, U+A000, compatibility ideographs,
# extension B), Latin, digits, punctuation and spaces
ALPHABET = list("网络安全網絡中国合作") + ["\u3400", "\u4e00", "\u9fff", "\u33ff", "\ua000", "\uf900", "\U00020000"] \
    + list("ab Z09.,;。，、（）\n\t")


def python_bigrams(text: str) -> str:
    """What the stored vector should hold for `text`: the bigrams of each Han run, space-separated."""
    return " ".join(gram for run in HAN_RUN.findall(text) for gram in bigrams(run))


def database_bigrams(texts: list[str | None]) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT claimtrack_cjk_bigrams(t) FROM unnest(%s::text[]) WITH ORDINALITY AS u(t, n) "
                       "ORDER BY n", [texts])
        return [row[0] for row in cursor.fetchall()]


def test_known_texts():
    texts = ["网络安全", "網絡安全國際合作", "网", "cyber law", "", None, "中国 2015年 网络安全 and 合作。"]
    assert database_bigrams(texts) == [python_bigrams(text or "") for text in texts]
    assert database_bigrams(["网络安全"]) == ["网络 络安 安全"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet=st.sampled_from(ALPHABET), max_size=30), min_size=1, max_size=20))
def test_the_database_makes_the_bigrams_python_makes(texts):
    assert database_bigrams(texts) == [python_bigrams(text) for text in texts]


@pytest.mark.parametrize(("model", "trigger", "fields"), [
    (Claim, "claim_search_vector", CLAIM_SEARCH_FIELDS),
    (Document, "document_search_vector", DOCUMENT_SEARCH_FIELDS),
])
def test_each_trigger_indexes_the_fields_search_falls_back_to(model, trigger, fields):
    with connection.cursor() as cursor:
        cursor.execute("SELECT event_object_column FROM information_schema.triggered_update_columns "
                       "WHERE trigger_name = %s AND event_object_table = %s", [trigger, model._meta.db_table])
        columns = {row[0] for row in cursor.fetchall()}
    assert columns == {model._meta.get_field(name).column for name in fields}
