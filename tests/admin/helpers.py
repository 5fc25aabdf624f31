"""Helpers for admin tests: staff users by role, and what a browser posts back."""

from django.contrib.auth.models import Group

from tests.factories import UserFactory


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
