"""claims.sql.RowDicts reads values() rows in fewer steps: it must give what Django's ValuesIterable gives."""

from datetime import datetime, timezone

import pytest
from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.db.models.query import ValuesIterable

from claims.sql import RowDicts
from claims.models import Claim, Document
from claims.selectors import claim_values
from tests.factories import ClaimFactory, DocumentFactory

pytestmark = pytest.mark.django_db


def both(queryset):
    """The rows through ValuesIterable and through RowDicts."""
    django, ours = queryset.all(), queryset.all()
    django._iterable_class, ours._iterable_class = ValuesIterable, RowDicts
    return list(django), list(ours)


def test_the_same_dicts_as_values_gives_with_times_dates_and_figures():
    ClaimFactory.create_batch(3)
    ClaimFactory(event=True, value=None)
    django, ours = both(claim_values(Claim.objects.order_by("id")))
    assert len(ours) == 4 and ours == django
    assert [type(row["created_at"]) for row in ours] == [datetime] * 4
    assert all(row["created_at"].utcoffset() == timezone.utc.utcoffset(None) for row in ours)
    assert [row["created_at"].isoformat() for row in ours] == [row["created_at"].isoformat() for row in django]


def test_annotations_extra_columns_slices_and_an_empty_result():
    DocumentFactory.create_batch(3)
    queryset = Document.objects.order_by("-id").values("id", "title", label=Concat(F("title"), Value("!")))
    django, ours = both(queryset[1:3])
    assert len(ours) == 2 and ours == django
    assert both(queryset.filter(pk__in=[])) == ([], [])
    assert both(queryset.none()) == ([], [])


def test_psycopgs_own_loader_only_where_the_session_reads_utc():
    """A session in another zone (never set by Django, but possible) keeps Django's loader; the rows are the same."""
    ClaimFactory()
    with connection.cursor() as cursor:
        cursor.execute("SET TimeZone TO 'Asia/Shanghai'")
    try:
        django, ours = both(claim_values(Claim.objects.all()))
        assert ours == django and ours[0]["created_at"].tzinfo == timezone.utc
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET TimeZone TO 'UTC'")


def test_rows_by_id_compiles_once_and_reads_each_id():
    from claims.sql import _compiled_by_id, rows_by_id

    claims = ClaimFactory.create_batch(3)
    built = []

    def one(pk, using):
        built.append(pk)
        return claim_values(Claim.objects.using(using).filter(pk=pk))

    for claim in claims:
        assert rows_by_id(one, claim.pk, "default") == list(claim_values(Claim.objects.filter(pk=claim.pk)))
    assert rows_by_id(one, 987654321, "default") == []
    assert len(built) == 1 and _compiled_by_id.cache_info().currsize >= 1


def test_rows_by_id_refuses_a_query_where_the_id_is_not_one_parameter():
    from claims.sql import rows_by_id

    def twice(pk, using):
        return Claim.objects.using(using).filter(pk=pk, document_id=pk).values("id")

    def absent(pk, using):
        return Claim.objects.using(using).values("id")

    for values in (twice, absent):
        with pytest.raises(ValueError, match="the id must appear once"):
            rows_by_id(values, 1, "default")


def test_pages_and_details_run_prepared_unless_switched_off(client_as, anon_read, settings):
    """A claim's and a document's detail and a page of claims run as prepared statements once they have run
    PREPARE_AFTER times (PostgreSQL plans them once); with CLAIMTRACK_PREPARED_STATEMENTS off nothing is prepared;
    the answers are the same either way."""
    from claims.sql import PREPARE_AFTER

    claim = ClaimFactory()
    client = client_as("anonymous")

    def prepared() -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
            return [row[0] for row in cursor.fetchall()]

    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    connection.connection._prepared.clear()  # psycopg's record of what it prepared, now gone on the server
    settings.CLAIMTRACK_PREPARED_STATEMENTS = False
    paths = [f"/api/claims/{claim.pk}/", f"/api/documents/{claim.document_id}/", "/api/claims/?kind=figure"]
    plain = [client.get(path).json() for path in paths]
    for _ in range(PREPARE_AFTER):
        assert [client.get(path).json() for path in paths] == plain
    assert prepared() == []
    settings.CLAIMTRACK_PREPARED_STATEMENTS = True
    for _ in range(PREPARE_AFTER):  # run that many times, the next run prepares
        assert [client.get(path).json() for path in paths] == plain
    assert prepared() == []
    assert [client.get(path).json() for path in paths] == plain
    statements = prepared()
    assert len(statements) == 4  # the claim, the document, the document's claims, the page
    assert any('FROM "claims_claim" WHERE "claims_claim"."id" = $1' in statement for statement in statements)
    assert any('WHERE "claims_claim"."kind" = $1' in statement for statement in statements)


def _new_request():
    """A kept connection as a request finds it with CONN_HEALTH_CHECKS (production's setting): to be checked."""
    connection.ensure_connection()
    connection.health_check_enabled, connection.health_check_done = True, False


@pytest.mark.django_db(transaction=True)
def test_a_request_s_first_read_is_its_health_check(monkeypatch):
    """No SELECT 1 before the read on a working kept connection; the read marks the check done for the request."""
    from claims.selectors import claim_representation

    claim = ClaimFactory()
    checks = []
    monkeypatch.setattr(connection, "is_usable", lambda: checks.append(1) or True)
    _new_request()
    assert claim_representation(claim.pk)["id"] == claim.pk
    assert checks == [] and connection.health_check_done


@pytest.mark.django_db(transaction=True)
def test_a_read_on_a_connection_the_server_dropped_runs_again_on_a_new_one():
    import psycopg

    from claims.selectors import claim_representation

    claim = ClaimFactory()
    connection.ensure_connection()
    dropped = connection.connection.info.backend_pid
    with psycopg.connect(connection.connection.info.dsn, autocommit=True) as other:  # as a restart would
        other.execute("SELECT pg_terminate_backend(%s)", [dropped])
    _new_request()
    assert claim_representation(claim.pk)["id"] == claim.pk
    assert connection.connection.info.backend_pid != dropped


@pytest.mark.django_db(transaction=True)
def test_a_read_that_fails_on_a_working_connection_is_not_run_again():
    """A statement timeout is the query's failure, not the connection's: raised at once, run once."""
    from django.db import OperationalError
    from django.db.models.expressions import RawSQL

    ClaimFactory()
    runs = []
    _new_request()
    kept = connection.connection.info.backend_pid
    slow = Claim.objects.values("id", pause=RawSQL("pg_sleep(0.2)", ()))
    slow._iterable_class = RowDicts
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 20")
    try:
        with connection.execute_wrapper(lambda execute, *args: runs.append(1) or execute(*args)):
            with pytest.raises(OperationalError, match="statement timeout"):
                list(slow)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")
    assert runs == [1] and connection.connection.info.backend_pid == kept


LIST_QUERIES = ["", "kind=figure&date_after=2015-01&date_before=2015-06", "actor=us&role=subject", "actor=7",
                "value_min=10&value_max=5000", "relation=conflicts", "q=phishing", "source=news&language=en",
                "ordering=-value", "ordering=date&status=draft", "unit=infected hosts&detached=true",
                "updated_since=2020-01-01T00:00:00Z&ordering=-updated"]


@pytest.mark.parametrize("query", LIST_QUERIES)
def test_a_page_compiled_with_a_kept_select_and_order_is_django_s_own(query):
    """The SQL and parameters of the list's query, compiled by the compiler that keeps SELECT and ORDER BY, are what
    Django's own compiler gives, on the first request and on the next ones (pages and cursor pages alike)."""
    from django.http import QueryDict

    from claims.filtersets import ClaimFilterSet
    from claims.selectors import claim_list, keyset_keys
    from claims.sql import _setup_reusing, _setups, row_beyond

    for _ in range(3):
        filtered = ClaimFilterSet(QueryDict(query), claim_list()).qs
        keys = keyset_keys(filtered)
        after = filtered.filter(row_beyond(Claim, keys[0][0], 5, 9, descending=keys[0][1]))
        for queryset in (filtered[:101], filtered[200:301], after[:51]):
            ours = _setup_reusing(queryset.query.chain(), "default").as_sql()
            assert ours == queryset.query.chain().get_compiler("default").as_sql()
    base = claim_list().query  # the list's own columns and order: their setup kept, to be reused
    assert any(key[2] == id(base.select) and key[4] == id(base.order_by) for key in _setups)


def test_a_query_whose_order_joins_is_compiled_whole_each_time():
    """An order that joins another table (here the document's title) must be set up each time: its join belongs in
    each query's FROM."""
    from claims import sql

    ClaimFactory.create_batch(2)
    joined = Claim.objects.values("id").order_by("document__title", "id")
    for _ in range(2):
        ours = sql._setup_reusing(joined.query.chain(), "default").as_sql()
        assert ours == joined.query.chain().get_compiler("default").as_sql()
    assert not any(key[4] == id(joined.query.order_by) for key in sql._setups)
    rows = joined.all()
    rows._iterable_class = RowDicts
    assert [row["id"] for row in rows] == [row["id"] for row in joined]


def test_rows_read_with_a_kept_setup_are_django_s_own():
    """A second and third read of the list's page (its setup, names and converters kept) give ValuesIterable's rows."""
    from claims.selectors import claim_list

    ClaimFactory.create_batch(3)
    ClaimFactory(event=True, value=None)
    for _ in range(3):
        django, ours = both(claim_list().filter(kind__in=["figure", "event"])[:3])
        assert len(ours) == 3 and ours == django and [list(row) for row in ours] == [list(row) for row in django]


def test_the_list_s_rows_are_named_tuples_of_the_same_values_shown_alike():
    """claim_list() reads its rows as named tuples (RowTuples): the values RowDicts gives, by position and by
    attribute (the cursor's way), shown by claim_representations exactly as from the dicts."""
    from claims.selectors import claim_list, claim_representations

    ClaimFactory.create_batch(3)
    ClaimFactory(event=True, value=None)
    tuples = list(claim_list())
    dicts = claim_list()
    dicts._iterable_class = RowDicts
    dicts = list(dicts)
    assert all(isinstance(row, tuple) for row in tuples) and len(tuples) == 4
    assert [dict(zip(row._fields, row)) for row in tuples] == dicts
    assert [row.date_start for row in tuples] == [row["date_start"] for row in dicts]
    assert claim_representations(tuples) == claim_representations([dict(row) for row in dicts])
    streamed = claim_list().iterator(chunk_size=2)  # the exports' way: dicts, in chunks
    assert [dict(row) for row in streamed] == dicts
