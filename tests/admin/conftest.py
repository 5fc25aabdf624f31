"""Admin clients logged in as a member of each role."""

import pytest
from django.test import Client

from tests.admin.helpers import staff


@pytest.fixture
def as_role():
    """as_role("editors") gives a test client logged in to the admin as an editor."""

    def login(role):
        client = Client()
        client.force_login(staff(role))
        return client

    return login
