"""How a service writes a row: validated whole, with who and why in its django-simple-history entry."""

from django.db.models import Model


def recorded(row: Model, *, reason: str = "", user=None) -> Model:
    """Mark `row` so that the history entry of its next save or delete names `reason` and `user`."""
    if reason:
        row._change_reason = reason
    if user is not None:
        row._history_user = user
    return row


def validated_save(row: Model, *, reason: str = "", user=None) -> Model:
    """Validate `row` whole (fields, clean(), unique and check constraints) and save it, recorded."""
    row.full_clean()
    recorded(row, reason=reason, user=user).save()
    return row
