"""Shared model pieces: timestamps, languages, dates of known precision, ids as written in requests."""

from django.db import models
from django.db.models import F, Q
from django.db.models.expressions import OrderBy

from claims.text import dates


class TimeStampedModel(models.Model):
    """Abstract base recording when a row was created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


MAX_ID = 2**63 - 1  # the largest id a bigint primary key holds


def whole_number(raw: str) -> int | None:
    """A whole number written in ASCII digits ("42"), else None. str.isdigit() alone accepts digits int() refuses
    (superscripts: "²") and other scripts' numerals ("٣"), which a query string or a path may carry."""
    return int(raw) if raw.isascii() and raw.isdigit() else None


def id_or_slug(raw: str) -> tuple[int | None, str | None]:
    """What an "id or slug" parameter names: ASCII digits are an id, (id, None), or (None, None) past any id, so
    that no row matches; anything else is a slug, (None, raw)."""
    number = whole_number(raw)
    if number is None:
        return None, raw
    return (number, None) if number <= MAX_ID else (None, None)


def ordered(name: str, descending: bool) -> OrderBy:
    """An order_by() term of the API's lists: nulls after every value (last ascending, first descending, as
    PostgreSQL's indexes hold them), on any database."""
    return F(name).desc(nulls_first=True) if descending else F(name).asc(nulls_last=True)


class Language(models.TextChoices):
    """BCP-47 tags of the languages and scripts claimtrack holds."""

    ENGLISH = "en", "English"
    SIMPLIFIED_CHINESE = "zh-Hans", "Chinese (Simplified)"
    TRADITIONAL_CHINESE = "zh-Hant", "Chinese (Traditional)"


class DatePrecision(models.TextChoices):
    """How precisely a date is known; blank means unknown."""

    DAY = dates.DAY, "day"
    MONTH = dates.MONTH, "month"
    YEAR = dates.YEAR, "year"


def date_interval_constraints(prefix: str, model: str) -> list[models.BaseConstraint]:
    """Database checks for a `<prefix>_start/_end/_precision` triple: all set or all empty, in order."""
    start, end, precision = f"{prefix}_start", f"{prefix}_end", f"{prefix}_precision"
    unknown = Q(**{f"{start}__isnull": True, f"{end}__isnull": True, precision: ""})
    known = Q(**{f"{start}__isnull": False, f"{end}__isnull": False}) & ~Q(**{precision: ""})
    return [
        models.CheckConstraint(condition=unknown | known, name=f"{model}_{prefix}_complete"),
        models.CheckConstraint(condition=Q(**{f"{start}__lte": F(end)}) | Q(**{f"{start}__isnull": True}),
                               name=f"{model}_{prefix}_ordered"),
    ]
