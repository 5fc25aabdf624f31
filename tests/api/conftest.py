"""API test fixtures: a client, and a user in each role."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import UserFactory

ROLES = ["anonymous", "fact-checkers", "editors", "reviewers"]


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    cache.clear()


@pytest.fixture
def client_as(db):
    """client_as("editors") gives an API client authenticated by token as a member of that group."""

    def make(role: str) -> APIClient:
        client = APIClient()
        if role != "anonymous":
            user = UserFactory(username=f"{role}-user")
            user.groups.add(Group.objects.get(name=role))
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def anon_read(settings):
    settings.CLAIMTRACK_ANONYMOUS_READ = True
