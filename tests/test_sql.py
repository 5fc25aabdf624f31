"""Raw SQL lives in claims/sql.py only (besides the migrations), with names from the models' _meta."""

import ast
from pathlib import Path

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.db import connection

from claims import sql
from claims.models import Claim

CLAIMS = Path(sql.__file__).parent
RAW = {"cursor", "execute", "executemany", "RawSQL", "raw", "extra"}  # calls that reach the database as SQL text


def raw_sql_calls(path: Path) -> list[str]:
    calls = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in RAW:
                calls.append(f"{path.relative_to(CLAIMS.parent)}:{node.lineno} {name}")
    return calls


def test_no_module_but_claims_sql_runs_raw_sql():
    modules = [path for path in CLAIMS.rglob("*.py") if "migrations" not in path.parts and path != Path(sql.__file__)]
    assert [call for path in modules for call in raw_sql_calls(path)] == []
    assert raw_sql_calls(Path(sql.__file__))  # the scan finds what it looks for


def test_templates_name_tables_and_columns_through_meta():
    for template in (sql.CLAIM_ACTORS_JSON, sql.CLAIM_LINKS_JSON):
        assert Claim._meta.db_table not in template and "claims_" not in template
    quote = connection.ops.quote_name
    assert sql.render("{Claim}.{Claim.end}, {Claim.document}", Claim) == \
        f"{quote('claims_claim')}.{quote('end')}, {quote('document_id')}"
    with pytest.raises(FieldDoesNotExist):
        sql.render("{Claim.ending}", Claim)
