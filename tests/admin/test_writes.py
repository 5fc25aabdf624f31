"""Every admin write goes through claims.services: a history entry with its reason, and the services' checks."""

import html
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims.models import ActorAlias, Claim, ClaimActor, ClaimLink, Document, Source
from claims.services.documents import TEXT_FIXED
from tests.admin.helpers import form_data
from tests.factories import (
    ActorAliasFactory, ActorFactory, ClaimActorFactory, ClaimFactory, ClaimLinkFactory, DocumentFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db
ADDED, EDITED, DELETED = "added in the admin", "edited in the admin", "deleted in the admin"


def last_entry(model, pk):
    """The newest history entry of row `pk` of `model`, deleted or not."""
    return model.history.filter(id=pk).latest()


def inline_prefixes(page_context) -> dict:
    """Each editable inline formset's prefix, with the index its first extra form has, by prefix ("claim_actors",
    "links_from", "links_to", "aliases")."""
    return {inline.formset.prefix: (inline.formset.prefix, inline.formset.initial_form_count())
            for inline in page_context["inline_admin_formsets"] if inline.has_add_permission}


def test_the_claim_form_saves_through_the_service(as_role):
    claim = ClaimFactory(note="first")
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    editor = as_role("editors")
    assert editor.post(url, form_data(editor.get(url).context, note="second")).status_code == 302
    entry = last_entry(Claim, claim.pk)
    assert (entry.note, entry.history_change_reason, entry.history_user.username) == ("second", EDITED, "editors")
    assert Claim.objects.get(pk=claim.pk).updated_by.username == "editors"

    document = DocumentFactory(text="Intro. More than 20.000 websites were hit.")
    start = document.text.index("More")
    add = reverse("admin:claims_claim_add") + f"?document={document.pk}&start={start}&end={start + 25}&kind=figure"
    assert editor.post(add, form_data(editor.get(add).context)).status_code == 302
    added = Claim.objects.get(document=document)
    assert added.quote == "More than 20.000 websites" and added.created_by.username == "editors"
    assert last_entry(Claim, added.pk).history_change_reason == ADDED


def test_the_claim_form_refuses_an_off_span_quote_as_the_api_does(as_role, client_as):
    claim = ClaimFactory()
    api = client_as("editors")
    etag = api.get(f"/api/claims/{claim.pk}/").headers["ETag"]
    refused = api.patch(f"/api/claims/{claim.pk}/", {"quote": "not the text"}, format="json", HTTP_IF_MATCH=etag)
    assert refused.status_code == 400
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    editor = as_role("editors")
    response = editor.post(url, form_data(editor.get(url).context, quote="not the text"))
    assert response.status_code == 200
    assert refused.json()["quote"][0] in html.unescape(response.content.decode())
    assert Claim.objects.get(pk=claim.pk).quote == claim.quote
    assert claim.history.count() == 1


def test_inline_actors_and_links_save_and_delete_through_the_services(as_role):
    claim, other = ClaimFactory(), ClaimFactory()
    old_link = ClaimLinkFactory(from_claim=claim)
    actor = ActorFactory()
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    editor = as_role("editors")
    page = editor.get(url).context
    (actors, new_actor), (links, new_link) = inline_prefixes(page)["claim_actors"], inline_prefixes(page)["links_from"]
    response = editor.post(url, form_data(page, **{
        f"{actors}-{new_actor}-actor": actor.pk, f"{actors}-{new_actor}-role": "claimant",
        f"{links}-0-DELETE": "on",
        f"{links}-{new_link}-to_claim": other.pk, f"{links}-{new_link}-relation": "related",
        f"{links}-{new_link}-status": "confirmed"}))
    assert response.status_code == 302
    role = ClaimActor.objects.get(claim=claim)
    assert (role.actor, last_entry(ClaimActor, role.pk).history_change_reason) == (actor, ADDED)
    removed = last_entry(ClaimLink, old_link.pk)
    assert (removed.history_type, removed.history_change_reason) == ("-", DELETED)
    link = ClaimLink.objects.get(from_claim=claim)
    assert (link.to_claim, link.created_by.username) == (other, "editors")
    assert last_entry(ClaimLink, link.pk).history_change_reason == ADDED


def test_an_inline_link_to_the_claim_itself_is_refused(as_role):
    claim = ClaimFactory()
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    editor = as_role("editors")
    page = editor.get(url).context
    links, new_link = inline_prefixes(page)["links_from"]
    response = editor.post(url, form_data(page, **{
        f"{links}-{new_link}-to_claim": claim.pk, f"{links}-{new_link}-relation": "related",
        f"{links}-{new_link}-status": "confirmed"}))
    assert response.status_code == 200 and "cannot be linked to itself" in response.content.decode()
    assert not ClaimLink.objects.exists()


def test_the_link_form_saves_through_the_service(as_role):
    link = ClaimLinkFactory()
    url = reverse("admin:claims_claimlink_change", args=[link.pk])
    reviewer = as_role("reviewers")
    assert reviewer.post(url, form_data(reviewer.get(url).context, note="same survey")).status_code == 302
    entry = last_entry(ClaimLink, link.pk)
    assert (entry.note, entry.history_change_reason, entry.updated_by.username) == ("same survey", EDITED,
                                                                                    "reviewers")


def test_deleting_a_claim_records_why_for_it_its_links_and_its_actors(as_role):
    claim = ClaimFactory()
    role, link = ClaimActorFactory(claim=claim), ClaimLinkFactory(to_claim=claim)
    response = as_role("reviewers").post(reverse("admin:claims_claim_delete", args=[claim.pk]), {"post": "yes"})
    assert response.status_code == 302
    for model, pk in ((Claim, claim.pk), (ClaimActor, role.pk), (ClaimLink, link.pk)):
        entry = last_entry(model, pk)
        assert (entry.history_type, entry.history_change_reason, entry.history_user.username) == (
            "-", DELETED, "reviewers"), model


def test_bulk_deletes_go_through_the_services_from_queues_too(as_role):
    suggestions = ClaimFactory.create_batch(2, status="suggested")
    sources = SourceFactory.create_batch(2)
    superuser = as_role("superuser")  # the groups may not delete from the queues
    for changelist, rows in (("suggestedclaim", suggestions), ("source", sources)):
        response = superuser.post(reverse(f"admin:claims_{changelist}_changelist"), {
            "action": "delete_selected", "_selected_action": [row.pk for row in rows], "post": "yes"})
        assert response.status_code == 302
    for model, rows in ((Claim, suggestions), (Source, sources)):
        assert not model.objects.filter(pk__in=[row.pk for row in rows]).exists()
        for row in rows:
            assert last_entry(model, row.pk).history_change_reason == DELETED


def test_the_document_text_is_shown_read_only_and_never_written_by_the_form(as_role):
    document = DocumentFactory()
    text = document.text
    claim = ClaimFactory(document=document)
    url = reverse("admin:claims_document_change", args=[document.pk])
    editor = as_role("editors")
    page = editor.get(url)
    assert "text" not in page.context["adminform"].form.fields
    assert html.escape(text.split("\n")[0]) in page.content.decode()
    response = editor.post(url, form_data(page.context, title="A better title", text="Another text."))
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.text) == ("A better title", text)
    assert document.text[claim.start:claim.end] == claim.quote
    assert last_entry(Document, document.pk).history_change_reason == EDITED


def test_reverting_a_document_to_an_older_text_is_refused(as_role, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Intro. Nearly 47,000 IP addresses abroad.", encoding="utf-8")
    call_command("import_documents", str(path), no_progress=True, stdout=io.StringIO())
    path.write_text("New intro. Intro. Nearly 47,000 IP addresses abroad.", encoding="utf-8")
    call_command("import_documents", str(path), no_progress=True, update=True, stdout=io.StringIO())
    document = Document.objects.get()
    first = document.history.earliest()
    url = reverse("admin:claims_document_simple_history", args=[document.pk, first.history_id])
    editor = as_role("editors")
    response = editor.post(url, form_data(editor.get(url).context))
    assert response.status_code == 200 and TEXT_FIXED in html.unescape(response.content.decode())
    document.refresh_from_db()
    assert document.text.startswith("New intro.") and document.history.count() == 2


def test_a_document_added_in_the_admin_is_imported_with_its_layout_and_languages(as_role):
    add = reverse("admin:claims_document_add")
    editor = as_role("editors")
    text = "Cyber report\n\nNearly 47,000 IP addresses abroad controlled computers in China."
    response = editor.post(add, form_data(editor.get(add).context, title="Cyber report", text=text, languages=[]))
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.text, document.languages) == (text, ["en"])
    assert document.main_ranges and document.imported_at is not None
    assert last_entry(Document, document.pk).history_change_reason == ADDED
    again = editor.post(add, form_data(editor.get(add).context, title="Again", text=text, languages=[]))
    assert again.status_code == 200 and f"Document #{document.pk} has this text" in again.content.decode()
    assert Document.objects.count() == 1


def test_sources_actors_and_their_aliases_save_through_the_services(as_role):
    editor = as_role("editors")
    add = reverse("admin:claims_source_add")
    data = form_data(editor.get(add).context, name="Xinhua", slug="xinhua", kind="state_media")
    assert editor.post(add, data).status_code == 302
    source = Source.objects.get(slug="xinhua")
    assert last_entry(Source, source.pk).history_change_reason == ADDED

    alias = ActorAliasFactory()
    url = reverse("admin:claims_actor_change", args=[alias.actor_id])
    page = editor.get(url).context
    aliases, new_alias = inline_prefixes(page)["aliases"]
    response = editor.post(url, form_data(page, country="US", **{
        f"{aliases}-0-DELETE": "on", f"{aliases}-{new_alias}-name": "習近平",
        f"{aliases}-{new_alias}-language": "zh-Hant"}))
    assert response.status_code == 302
    assert last_entry(type(alias.actor), alias.actor_id).history_change_reason == EDITED
    assert last_entry(ActorAlias, alias.pk).history_change_reason == DELETED
    added = ActorAlias.objects.get(actor=alias.actor)
    assert (added.name, last_entry(ActorAlias, added.pk).history_change_reason) == ("習近平", ADDED)


def test_a_claim_is_reverted_to_an_older_version_from_its_history(as_role):
    claim = ClaimFactory(note="first")
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    editor = as_role("editors")
    assert editor.post(url, form_data(editor.get(url).context, note="second")).status_code == 302
    older = Claim.history.filter(id=claim.pk, note="first").latest()
    revert = reverse("admin:claims_claim_simple_history", args=[claim.pk, older.history_id])
    page = editor.get(revert)
    assert page.status_code == 200
    assert editor.post(revert, form_data(page.context)).status_code == 302
    claim.refresh_from_db()
    assert claim.note == "first"
    assert last_entry(Claim, claim.pk).history_change_reason == EDITED
