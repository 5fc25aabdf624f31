"""Concurrent PATCHes of one claim with If-Match, from threads with their own connections: none is lost."""

import threading

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Claim
from tests.factories import ClaimFactory, UserFactory

WRITERS, WRITES_EACH = 4, 5


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # restores the migrations' rows after
def test_concurrent_if_match_patches_lose_no_update():
    from django.contrib.auth.models import Group

    claim = ClaimFactory(note="")
    user = UserFactory(username="concurrent-editor")
    user.groups.add(Group.objects.get(name="editors"))
    token = Token.objects.create(user=user).key
    accepted, refused, errors = [], [], []
    lock = threading.Lock()
    start = threading.Barrier(WRITERS)

    def writer(number: int):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        url = f"/api/claims/{claim.pk}/"
        try:
            start.wait()
            for write in range(WRITES_EACH):
                mark = f"[{number}.{write}]"
                while True:  # read, change, write; on 412 somebody was first: read again
                    current = client.get(url)
                    note = current.json()["note"] + mark
                    response = client.patch(url, {"note": note}, format="json", HTTP_IF_MATCH=current["ETag"])
                    with lock:
                        if response.status_code == 200:
                            accepted.append((mark, note))
                            break
                        if response.status_code != 412:
                            errors.append((response.status_code, response.content[:200]))
                            return
                        refused.append(mark)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    print(f"{len(accepted)} accepted, {len(refused)} refused with 412")
    assert len(accepted) == WRITERS * WRITES_EACH
    final = Claim.objects.get(pk=claim.pk).note
    # each accepted write extended the one accepted before it: the final note is their sequence
    assert final == accepted[-1][1] == "".join(mark for mark, _ in accepted)
    assert [note for _, note in accepted] == ["".join(m for m, _ in accepted[:i + 1]) for i in range(len(accepted))]
    history = list(claim.history.order_by("history_id").values_list("note", flat=True))
    assert history[-len(accepted):] == [note for _, note in accepted]
