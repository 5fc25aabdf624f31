"""How the admin shows figures and dates: as people read them, not as the columns store them."""

from decimal import Decimal

from django import forms
from django.contrib import admin

from claims.text.figures import unpadded
from claims.text.dates import format_interval


def number(value: Decimal | None) -> str | None:
    """A figure for reading: thousands separated, no padding (3,000,000,000; 0.5); None stays None."""
    return None if value is None else unpadded(value, ",f")


def shown_number(field: str):
    """A ModelAdmin display of the decimal `field` as number() shows it, sorting by the field."""

    @admin.display(description=field.replace("_", " "), ordering=field)
    def shown(model_admin, obj):
        value = number(getattr(obj, field))
        return model_admin.get_empty_value_display() if value is None else value

    return shown


def shown_date(prefix: str, description: str):
    """A ModelAdmin display of the `<prefix>_start/_end/_precision` date at its precision ("2014", "2015-12"), sorting
    by its start."""

    @admin.display(description=description, ordering=f"{prefix}_start")
    def shown(model_admin, obj):
        start, end, precision = (getattr(obj, f"{prefix}_{part}") for part in ("start", "end", "precision"))
        return format_interval(start, end, precision) or model_admin.get_empty_value_display()

    return shown


class UnpaddedDecimalField(forms.DecimalField):
    """A decimal input holding the number as typed (1200), not padded to the column's places (1200.000000)."""

    def prepare_value(self, value):
        return unpadded(value) if isinstance(value, Decimal) else value
