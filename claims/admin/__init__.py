"""Django admin for editors and reviewers, one module per model admin."""

from . import actor, claim, document, link, source, suggestions  # noqa: F401
