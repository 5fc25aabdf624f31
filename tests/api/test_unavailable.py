"""A database that cannot be reached answers 503 with Retry-After, declared in the schema; other database
errors are not mistaken for it (the restart itself is in tests/test_faults.py)."""

import psycopg
import pytest
import yaml
from django.db import InterfaceError, OperationalError

from claims.api.errors import database_unavailable


def wrapped(cause: Exception) -> OperationalError:
    """An OperationalError as Django raises it: psycopg's error as its cause."""
    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


@pytest.mark.parametrize("error, unavailable", [
    (wrapped(psycopg.OperationalError("connection failed: No such file or directory")), True),
    (wrapped(psycopg.errors.AdminShutdown("terminating connection due to administrator command")), True),
    (wrapped(psycopg.errors.CannotConnectNow("the database system is starting up")), True),
    (wrapped(psycopg.errors.ConnectionFailure("connection failure")), True),
    (InterfaceError("connection already closed"), True),
    (wrapped(psycopg.errors.QueryCanceled("canceling statement due to statement timeout")), False),
    (OperationalError("database is locked"), False),  # SQLite's, not a connection psycopg lost
    (ValueError("not a database error"), False),
])
def test_only_a_lost_or_refused_connection_counts_as_unavailable(error, unavailable):
    assert database_unavailable(error) is unavailable


@pytest.mark.django_db
def test_schema_declares_503_with_retry_after_on_every_operation(client_as):
    schema = yaml.safe_load(client_as("fact-checkers").get("/api/schema/").content)
    operations = [(path, method, operation) for path, methods in schema["paths"].items()
                  for method, operation in methods.items() if method in {"get", "post", "put", "patch", "delete"}]
    assert len(operations) > 10
    for path, method, operation in operations:
        answer = operation["responses"].get("503")
        assert answer and "Retry-After" in answer["headers"], (path, method)
        assert answer["content"]["application/json"]["schema"]["required"] == ["detail"]
