"""Test settings: PostgreSQL from DATABASE_URL, or a throwaway local cluster started for this run."""

import os

import dj_database_url

from config.ephemeral_postgres import start_ephemeral_cluster

from .base import *  # noqa: F403

if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(start_ephemeral_cluster(), conn_health_checks=True)}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# django-axes needs the request on every authenticate(), which the test client's login() does not pass;
# the lockout itself is tested with AXES_ENABLED switched back on (tests/test_security.py).
AXES_ENABLED = False
