"""Send reads to PostgreSQL streaming replicas when DATABASE_REPLICA_URLS names any.

Writes, migrations, the admin, anything inside a transaction, and every request of a client that wrote
within the last CLAIMTRACK_PIN_SECONDS (read-your-writes, by a cookie) use the primary.
"""

from __future__ import annotations

import random
from contextvars import ContextVar

from django.conf import settings
from django.db import connections
from django.http import HttpRequest

PRIMARY = "default"
PIN_COOKIE = "claimtrack_primary"
_primary_only: ContextVar[bool] = ContextVar("claimtrack_primary_only", default=False)


def replicas() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


class PrimaryReplicaRouter:
    """Reads to a replica unless this request or transaction must see the primary; writes to the primary."""

    def db_for_read(self, model, **hints):
        if _primary_only.get() or connections[PRIMARY].in_atomic_block or not replicas():
            return PRIMARY
        return random.choice(replicas())

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replicas hold the primary's data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def must_use_primary(request: HttpRequest) -> bool:
    """Writes, the admin, and clients that wrote a moment ago (they carry the pin cookie)."""
    return (request.method not in ("GET", "HEAD", "OPTIONS") or request.path.startswith("/admin/")
            or PIN_COOKIE in request.COOKIES)


class PrimaryPinningMiddleware:
    """Route a request's reads, and pin a client to the primary for a while after it writes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _primary_only.set(must_use_primary(request))
        try:
            response = self.get_response(request)
        finally:
            _primary_only.reset(token)
        if request.method not in ("GET", "HEAD", "OPTIONS") and response.status_code < 400:
            response.set_cookie(PIN_COOKIE, "1", max_age=settings.CLAIMTRACK_PIN_SECONDS, httponly=True,
                                samesite="Lax", secure=request.is_secure())
        return response
