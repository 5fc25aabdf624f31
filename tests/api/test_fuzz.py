"""Schemathesis fuzzes every operation of the OpenAPI schema, anonymously and as an editor: no 5xx, and
every documented response conforms to its schema."""

import pytest
from django.apps import apps
from django.core import signals
from django.core.management.color import no_style
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle

import schemathesis
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance
from tests.factories import ActorFactory, ClaimActorFactory, ClaimFactory, ClaimLinkFactory, UserFactory

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
EXAMPLES = 8  # per operation and identity: bounded, so the suite stays minutes long


schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


def restart_ids():
    """Ids from 1 in the claims tables (empty here): generated ids then meet the same rows, whatever ran before."""
    models = list(apps.get_app_config("claims").get_models(include_auto_created=True))
    assert not any(model._default_manager.exists() for model in models), "another test left rows behind"
    sequences = [{"table": model._meta.db_table, "column": model._meta.pk.column} for model in models]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_by_name_sql(no_style(), sequences):
            cursor.execute(sql)


@pytest.fixture(autouse=True)
def rows(db, anon_read, monkeypatch):
    """Data behind the API, so that generated ids and slugs sometimes find rows; the same rows every run."""
    # Throttling answers 429 to whatever comes after the 120th anonymous request of a minute: which requests
    # those are depends on the clock, so the set of requests that reach a view would too. tests/api/
    # test_permissions.py tests the throttle.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": None, "user": None})
    restart_ids()
    claim = ClaimFactory(event=True)
    ClaimActorFactory(claim=claim, actor=ActorFactory())
    ClaimLinkFactory(from_claim=claim, to_claim=ClaimFactory(document=claim.document))
    # as Django's test client does: a request must not close the connection that holds the test's transaction
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)

fuzzed = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))


@schema.parametrize()
@fuzzed
def test_anonymous(case):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@fuzzed
def test_as_editor(case):
    from django.contrib.auth.models import Group

    user = UserFactory(username="fuzzing-editor")
    user.groups.add(Group.objects.get(name="editors"))
    token, _ = Token.objects.get_or_create(user=user)
    case.call_and_validate(headers={"Authorization": f"Token {token.key}"}, checks=CHECKS)
