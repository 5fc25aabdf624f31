"""The annotation view's keyboard review endpoint, its side panel and the links to it (the browser side is in
tests/browser/test_editor_workspace.py)."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim
from tests.admin.helpers import staff
from tests.factories import ClaimFactory, ClaimLinkFactory, DocumentFactory

pytestmark = pytest.mark.django_db


def review(client, claim, decision="accept"):
    return client.post(reverse("admin:claims_claim_review", args=[claim.pk]), {"decision": decision})


def test_a_reviewer_accepts_and_rejects_one_suggestion_per_request_with_history(as_role):
    document = DocumentFactory()
    accepted, rejected, left = ClaimFactory.create_batch(3, document=document, status="suggested")
    client = as_role("reviewers")
    answer = review(client, accepted, "accept")
    assert answer.status_code == 200 and answer.json() == {"id": accepted.pk, "status": "draft", "left": 2}
    assert review(client, rejected, "reject").json() == {"id": rejected.pk, "status": "rejected", "left": 1}
    accepted.refresh_from_db(), rejected.refresh_from_db(), left.refresh_from_db()
    assert (accepted.status, rejected.status, left.status) == ("draft", "rejected", "suggested")
    entry = accepted.history.latest()
    assert (entry.history_change_reason, entry.history_user.username) == ("accepted in the annotate view", "reviewers")
    assert rejected.history.latest().history_change_reason == "rejected in the annotate view"


@pytest.mark.parametrize("role", ["editors", "fact-checkers"])
def test_only_reviewers_may_decide_in_the_annotate_view(as_role, role):
    claim = ClaimFactory(status="suggested")
    answer = review(as_role(role), claim)
    assert answer.status_code == 403 and answer.json() == {
        "error": "Only reviewers may accept or reject suggestions here."}
    assert Claim.objects.get(pk=claim.pk).status == "suggested"


def test_bad_decisions_get_a_one_line_error_and_change_nothing(as_role):
    draft, suggestion = ClaimFactory(status="draft"), ClaimFactory(status="suggested")
    client = as_role("reviewers")
    answers = {
        "bad decision": review(client, suggestion, "maybe"),
        "not a suggestion": review(client, draft, "reject"),
        "no such claim": client.post(reverse("admin:claims_claim_review", args=[10**9]), {"decision": "accept"}),
        "GET": client.get(reverse("admin:claims_claim_review", args=[suggestion.pk])),
    }
    assert {name: answer.status_code for name, answer in answers.items()} == {
        "bad decision": 400, "not a suggestion": 409, "no such claim": 404, "GET": 405}
    assert answers["not a suggestion"].json()["error"] == (
        f"Claim #{draft.pk} is draft, not a suggestion: there is nothing to reject.")
    assert all("\n" not in answer.json()["error"] for answer in answers.values())
    assert Claim.objects.get(pk=suggestion.pk).status == "suggested" and draft.history.count() == 1


def test_a_decision_without_the_csrf_token_is_refused():
    claim = ClaimFactory(status="suggested")
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff("reviewers"))
    assert review(client, claim).status_code == 403
    assert Claim.objects.get(pk=claim.pk).status == "suggested"
    page = client.get(reverse("admin:claims_document_annotate", args=[claim.document.pk]))
    token = page.context["csrf_token"]
    answer = client.post(reverse("admin:claims_claim_review", args=[claim.pk]), {"decision": "accept"},
                         HTTP_X_CSRFTOKEN=str(token))
    assert answer.status_code == 200 and Claim.objects.get(pk=claim.pk).status == "draft"


def _panel(client, document):
    page = client.get(reverse("admin:claims_document_annotate", args=[document.pk]))
    return page, json.loads(page.content.decode().split('id="claims-data" type="application/json">')[1]
                            .split("</script>")[0])


def test_the_side_panel_lists_claims_in_text_order_with_their_links_in_bounded_queries(as_role):
    client = as_role("editors")
    counts = []
    for size in (3, 6):
        document = DocumentFactory()
        claims = [ClaimFactory(document=document, status="suggested" if k % 2 else "draft") for k in range(size)]
        ClaimLinkFactory(from_claim=claims[0], to_claim=claims[1])
        ClaimLinkFactory(from_claim=claims[2], to_claim=claims[0])
        with CaptureQueriesContext(connection) as queries:
            page, rows = _panel(client, document)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert [row["start"] for row in rows] == sorted(c.start for c in claims)
    by_id = {row["id"]: row for row in rows}
    assert (by_id[claims[0].pk]["links"], by_id[claims[1].pk]["links"], by_id[claims[3].pk]["links"]) == (2, 1, 0)
    assert by_id[claims[0].pk]["reading"] == "47,000 IP addresses" and by_id[claims[1].pk]["status"] == "suggested"
    assert page.context["suggested_count"] == 3
    html = page.content.decode()
    assert html.index(f'data-claim="{claims[0].pk}"><a href="#claim-{claims[0].pk}"') > html.index('id="claim-panel"')


def test_annotate_is_linked_from_the_document_list_s_first_column_and_both_forms(as_role):
    claim = ClaimFactory()
    annotate = reverse("admin:claims_document_annotate", args=[claim.document.pk])
    client = as_role("fact-checkers")
    changelist = client.get(reverse("admin:claims_document_changelist"))
    assert changelist.context["cl"].list_display[:2] == ["annotate_link", "title"]  # no actions for a reader
    assert f'href="{annotate}"' in changelist.content.decode()
    document_form = client.get(reverse("admin:claims_document_change", args=[claim.document.pk])).content.decode()
    assert f'href="{annotate}" class="annotatelink"' in document_form
    claim_form = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert f'href="{annotate}#claim-{claim.pk}" class="annotatelink"' in claim_form
