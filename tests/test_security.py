"""Deployment security: check --deploy, headers, CORS, login rate limiting, secrets from the environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {"DJANGO_SETTINGS_MODULE": "config.settings.production", "ALLOWED_HOSTS": "claims.example.org",
                  "SECRET_KEY": "k" * 30 + "-random-enough-for-production-01234", "DATABASE_URL": "sqlite://:memory:"}


def run_production(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}}
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          env={**env, **PRODUCTION_ENV})


def test_check_deploy_is_clean_under_production_settings():
    result = run_production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


HEADERS_SCRIPT = """
import django; django.setup()
from django.test import Client
client = Client(HTTP_HOST="claims.example.org")
plain = client.get("/api/")
print(plain.status_code, plain.headers.get("Location"))
secure = client.get("/api/", secure=True)
for name in ("Strict-Transport-Security", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy",
             "Cross-Origin-Opener-Policy", "Access-Control-Allow-Origin"):
    print(name, "=", secure.headers.get(name))
print("anonymous", secure.status_code)
"""


def test_production_redirects_to_https_and_sets_security_headers():
    result = run_production("-c", HEADERS_SCRIPT)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "301 https://claims.example.org/api/"
    headers = dict(line.split(" = ") for line in lines[1:-1])
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Access-Control-Allow-Origin"] == "None"  # no CORS unless configured
    assert lines[-1] in ("anonymous 401", "anonymous 403")  # production: no anonymous reading


@pytest.mark.django_db
def test_cors_is_closed_unless_origins_are_configured(client, anon_read):
    preflight = {"HTTP_ORIGIN": "https://desk.example.org", "HTTP_ACCESS_CONTROL_REQUEST_METHOD": "GET"}
    assert "Access-Control-Allow-Origin" not in client.options("/api/claims/", **preflight).headers
    assert "Access-Control-Allow-Origin" not in client.get("/api/claims/", HTTP_ORIGIN="https://evil.example").headers
    with override_settings(CORS_ALLOWED_ORIGINS=["https://desk.example.org"]):
        allowed = client.get("/api/claims/", HTTP_ORIGIN="https://desk.example.org")
        assert allowed.headers["Access-Control-Allow-Origin"] == "https://desk.example.org"
        other = client.get("/api/claims/", HTTP_ORIGIN="https://evil.example")
        assert "Access-Control-Allow-Origin" not in other.headers


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_admin_login_is_locked_after_repeated_failures(client):
    UserFactory(username="ed", password="right-password-123", is_staff=True)

    def attempt(password):
        return client.post("/admin/login/?next=/admin/", {"username": "ed", "password": password},
                           REMOTE_ADDR="203.0.113.9")

    for _ in range(2):
        assert attempt("wrong").status_code == 200  # the form again, with an error
    assert attempt("wrong").status_code == 429  # the third failure locks ed out from this address
    locked = attempt("right-password-123")
    assert locked.status_code == 429  # even the right password, until the cool-off ends
    assert "/admin/" not in locked.headers.get("Location", "")


@pytest.mark.django_db
@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_a_good_login_still_works_and_resets_the_count(client):
    UserFactory(username="ed", password="right-password-123", is_staff=True)
    for _ in range(2):
        client.post("/admin/login/", {"username": "ed", "password": "wrong"}, REMOTE_ADDR="203.0.113.9")
    response = client.post("/admin/login/?next=/admin/", {"username": "ed", "password": "right-password-123"},
                           REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302 and response.headers["Location"] == "/admin/"


def test_no_secret_in_settings_but_the_development_key():
    """Secrets come from the environment: the settings modules hold no key, password or token of their own."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "config" / "settings").glob("*.py"))
    for line in text.splitlines():
        if "SECRET_KEY =" in line or "PASSWORD" in line.upper() and "=" in line and "VALIDATORS" not in line:
            assert "os.environ" in line or "django-insecure" in line or "HASHERS" in line, line
