"""The permission matrix: anonymous, fact-checker, editor, reviewer x endpoint x method."""

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import REVIEW_CODENAME
from tests.factories import ActorFactory, ClaimFactory, ClaimLinkFactory, DocumentFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

MAKERS = {
    "sources": SourceFactory, "actors": ActorFactory, "documents": DocumentFactory, "claims": ClaimFactory,
    "claim-links": ClaimLinkFactory,
}
# What each role may do: read (GET list and detail), write (POST, PATCH, DELETE).
CAN_READ = {"anonymous": False, "fact-checkers": True, "editors": True, "reviewers": True}
CAN_WRITE = {"anonymous": False, "fact-checkers": False, "editors": True, "reviewers": True}


@pytest.mark.parametrize("endpoint", MAKERS)
@pytest.mark.parametrize("role", CAN_READ)
def test_read(client_as, role, endpoint):
    obj = MAKERS[endpoint]()
    client = client_as(role)
    for url in (f"/api/{endpoint}/", f"/api/{endpoint}/{obj.pk}/"):
        status = client.get(url).status_code
        assert (status == 200) is CAN_READ[role], (url, status)
        if not CAN_READ[role]:
            assert status in (401, 403)


@pytest.mark.parametrize("endpoint", MAKERS)
@pytest.mark.parametrize("role", CAN_WRITE)
@pytest.mark.parametrize("method", ["post", "patch", "delete"])
def test_write(client_as, role, endpoint, method):
    obj = MAKERS[endpoint]()
    client = client_as(role)
    url = f"/api/{endpoint}/" if method == "post" else f"/api/{endpoint}/{obj.pk}/"
    response = getattr(client, method)(url, {}, format="json", HTTP_IF_MATCH="*")
    if CAN_WRITE[role]:
        # allowed past the permission check: a validation answer, or success
        assert response.status_code in (200, 201, 204, 400), response.status_code
    else:
        assert response.status_code in (401, 403), response.status_code
        assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("endpoint", MAKERS)
def test_anonymous_reading_is_a_setting_and_never_allows_writes(client_as, anon_read, endpoint):
    obj = MAKERS[endpoint]()
    client = client_as("anonymous")
    assert client.get(f"/api/{endpoint}/").status_code == 200
    assert client.get(f"/api/{endpoint}/{obj.pk}/").status_code == 200
    assert client.post(f"/api/{endpoint}/", {}, format="json").status_code in (401, 403)
    assert client.delete(f"/api/{endpoint}/{obj.pk}/", HTTP_IF_MATCH="*").status_code in (401, 403)


def test_groups_exist_after_migrate():
    from django.contrib.auth.models import Group

    perms = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    assert REVIEW_CODENAME in perms["reviewers"] and REVIEW_CODENAME not in perms["editors"]
    assert "add_claim" in perms["editors"] and "add_claim" not in perms["fact-checkers"]
    assert "view_claim" in perms["fact-checkers"]


def test_tokens_from_drf_create_token_authenticate(capsys):
    user = UserFactory(username="checker")
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get(name="fact-checkers"))
    call_command("drf_create_token", "checker")
    key = Token.objects.get(user=user).key
    assert key in capsys.readouterr().out
    client = APIClient()
    assert client.get("/api/claims/").status_code in (401, 403)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/claims/").status_code == 200


def test_session_writes_need_csrf():
    from django.contrib.auth.models import Group

    user = UserFactory(username="ed")
    user.groups.add(Group.objects.get(name="editors"))
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post("/api/sources/", {"name": "X", "slug": "x"}, format="json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]


def test_throttling_answers_429(client_as, monkeypatch, anon_read):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "1000/minute"})
    client = client_as("anonymous")
    statuses = [client.get("/api/sources/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_throttles_count_per_window_with_retry_after(client_as, monkeypatch, anon_read):
    """Each client is counted per window of the rate's period: the request over the rate is a 429 whose Retry-After
    is the rest of the window; the next window starts afresh; a user's count is the user's own, and anonymous
    requests never count against the users' rate."""
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "3/minute"})
    now = [600.0 + 45]  # 45 s into a minute
    monkeypatch.setattr(SimpleRateThrottle, "timer", lambda self: now[0])
    anonymous, reader = client_as("anonymous"), client_as("fact-checkers")
    assert [anonymous.get("/api/sources/").status_code for _ in range(3)] == [200, 200, 429]
    refused = anonymous.get("/api/sources/")
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "15"
    assert [reader.get("/api/sources/").status_code for _ in range(4)] == [200, 200, 200, 429]
    now[0] = 660.0  # the next minute
    assert [anonymous.get("/api/sources/").status_code for _ in range(3)] == [200, 200, 429]
    assert reader.get("/api/sources/").status_code == 200
