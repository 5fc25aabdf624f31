"""Helpers for admin tests: staff users by role, and what a browser posts back."""

from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import (
    ActorAliasFactory, ClaimActorFactory, ClaimFactory, ClaimLinkFactory, SourceFactory, UserFactory,
)


def staff(role: str):
    """A staff user in the group `role` ("superuser": a superuser), named after it."""
    if role == "superuser":
        return UserFactory(username="root", is_staff=True, is_superuser=True)
    user = UserFactory(username=role, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def form_data(page_context, **changes) -> dict:
    """What the browser would post back for the change form as rendered, with `changes` applied."""
    form = page_context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    for inline in page_context.get("inline_admin_formsets", []):
        management = inline.formset.management_form
        data.update({f"{management.prefix}-{name}": management[name].value() for name in management.fields})
        for inline_form in inline.formset.forms:
            data.update({inline_form.add_prefix(name): inline_form[name].value() for name in inline_form.fields})
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None and value is not False}


def admin_pages(user) -> tuple[list[str], object]:
    """The path of each kind of admin page `user` may open (every list and add form, the change and history pages of
    one object of each model, the annotation view, the suggestion queues), made with an object each; and the claim."""
    claim = ClaimFactory()
    ClaimActorFactory(claim=claim)
    objects = {
        "document": claim.document, "claim": claim, "claimlink": ClaimLinkFactory(from_claim=claim),
        "source": SourceFactory(), "actor": ActorAliasFactory().actor,
    }
    urls = [reverse("admin:index"), reverse("admin:password_change"),
            reverse("admin:claims_document_annotate", args=[claim.document.pk])]
    request = RequestFactory().get("/")
    request.user = user
    for app in admin.site.get_app_list(request):  # every admin's list, and its add form where allowed
        urls += [url for model in app["models"] for url in (model["admin_url"], model.get("add_url")) if url]
    assert reverse("admin:claims_claim_add") in urls and reverse("admin:claims_suggestedclaim_changelist") in urls
    for model, obj in objects.items():
        urls += [reverse(f"admin:claims_{model}_change", args=[obj.pk]),
                 reverse(f"admin:claims_{model}_history", args=[obj.pk])]
    if user.is_superuser:
        urls += [reverse("admin:auth_user_change", args=[user.pk]),
                 reverse("admin:auth_group_change", args=[Group.objects.get(name="reviewers").pk])]
    return urls, claim
