"""Test-run setup: name the database engine and server version in the pytest header."""

import sqlite3

from django.db import connection


def pytest_report_header(config):
    """Say which database the run uses, e.g. "database: postgresql 15.18"."""
    if connection.vendor != "postgresql":
        return f"database: {connection.vendor} {sqlite3.sqlite_version}"
    import psycopg

    params = connection.get_connection_params()
    params["dbname"] = "postgres"  # the test database does not exist yet
    with psycopg.connect(**params) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0].split()[0]
    return f"database: postgresql {version}"
