"""Settings read the environment; production refuses to start insecurely."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k" * 30 + "-random-enough-for-production-01234"


def load_settings(module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}}
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG, settings.ALLOWED_HOSTS)"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env={**clean, "DJANGO_SETTINGS_MODULE": module, **env})


@pytest.mark.parametrize("env, message", [
    ({"ALLOWED_HOSTS": "claims.example.org"}, "SECRET_KEY must be set"),
    ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "claims.example.org"}, "SECRET_KEY must be set"),
    ({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS must name"),
])
def test_production_refuses_to_start_without_secret_key_and_hosts(env, message):
    result = load_settings("config.settings.production", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_with_what_it_needs():
    result = load_settings("config.settings.production", SECRET_KEY=GOOD_KEY,
                           ALLOWED_HOSTS="claims.example.org, api.example.org")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['claims.example.org', 'api.example.org']"


def test_bad_boolean_is_named():
    result = load_settings("config.settings.local", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr
