"""Schemathesis fuzzes every operation of the OpenAPI schema, anonymously and as an editor: no 5xx, and
every documented response conforms to its schema."""

import pytest
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token

import schemathesis
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance
from tests.factories import ActorFactory, ClaimActorFactory, ClaimFactory, ClaimLinkFactory, UserFactory

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
EXAMPLES = 8  # per operation and identity: bounded, so the suite stays minutes long


schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture(autouse=True)
def rows(db, anon_read):
    """Data behind the API, so that generated ids and slugs sometimes find rows."""
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
