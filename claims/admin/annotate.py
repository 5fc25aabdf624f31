"""The annotation view: a document's text with every claim highlighted, and selection to annotate."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html_join

from claims.models import Claim, Document

from .display import number


@dataclass
class Segment:
    """A run of text between two boundaries, with the claims covering it (innermost first)."""

    start: int
    end: int
    claims: list[Claim] = field(default_factory=list)
    chrome: bool = False
    duplicate: bool = False


def describe(claim: Claim) -> str:
    """What hovering shows: kind, value or date, status."""
    parts = [claim.kind]
    if claim.value is not None:
        bound = "≥ " if claim.value_low is not None else "≤ " if claim.value_high is not None else ""
        parts.append(f"{bound}{number(claim.value)} {claim.unit}".strip())
    if claim.date_iso:
        parts.append(claim.date_iso)
    parts.append(claim.status)
    return " · ".join(parts)


def segments(document: Document, claims: list[Claim]) -> list[Segment]:
    """Cut the text at every claim, main-text and duplicate boundary; overlapping claims share segments."""
    text = document.text
    cuts = {0, len(text)}
    for claim in claims:
        cuts.update((min(claim.start, len(text)), min(claim.end, len(text))))
    for start, end in document.main_ranges:
        cuts.update((start, end))
    for start, end, _ in document.duplicate_ranges:
        cuts.update((start, end))
    bounds = sorted(cuts)
    result = []
    for start, end in zip(bounds, bounds[1:]):
        covering = sorted((c for c in claims if c.start <= start and end <= c.end), key=lambda c: c.end - c.start)
        result.append(Segment(
            start, end, covering,
            chrome=bool(document.main_ranges) and not any(s <= start and end <= e for s, e in document.main_ranges),
            duplicate=any(s <= start and end <= e for s, e, _ in document.duplicate_ranges),
        ))
    return result


def render_text(document: Document, claims: list[Claim]) -> str:
    """The text as spans carrying their code-point offset; no whitespace is added between them."""
    text = document.text

    def attributes(segment: Segment) -> tuple:
        classes = ["seg"]
        if segment.chrome:
            classes.append("chrome")
        if segment.duplicate:
            classes.append("duplicate")
        claim_id, title = "", ""
        if segment.claims:
            inner = segment.claims[0]
            classes += ["claim", f"kind-{inner.kind}", f"status-{inner.status}"]
            if len(segment.claims) > 1:
                classes.append(f"overlap overlap-{min(len(segment.claims), 3)}")
            claim_id = str(inner.pk)
            title = "\n".join(f"#{c.pk} {describe(c)}" for c in segment.claims)
        return " ".join(classes), segment.start, claim_id, title, text[segment.start:segment.end]

    return format_html_join("", '<span class="{}" data-start="{}" data-claim="{}" title="{}">{}</span>',
                            (attributes(s) for s in segments(document, claims)))


def annotate_view(model_admin, request, object_id):
    """Admin view: the document's full text with its claims, selectable to add new ones."""
    document = get_object_or_404(Document, pk=object_id)
    if not model_admin.has_view_permission(request, document):
        raise PermissionDenied
    claims = list(document.claims.order_by("start", "end"))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Annotate: {document.title}",
        "document": document,
        "opts": model_admin.model._meta,
        "text_html": render_text(document, claims),
        "claim_count": len(claims),
        "can_add": request.user.has_perm("claims.add_claim"),
        "add_url": reverse("admin:claims_claim_add"),
        "change_url": reverse("admin:claims_claim_change", args=[0]).replace("/0/", "/{id}/"),
        "kinds": Claim.Kind.choices,
        "length": len(document.text),
        "legend": format_html_join(" ", '<span class="seg {}">{}</span>', [
            ("claim kind-figure", "figure"), ("claim kind-event", "event"), ("claim kind-statement", "statement"),
            ("claim kind-figure status-suggested", "suggested"), ("chrome", "page chrome"),
            ("duplicate", "repeated block")]),
    }
    return TemplateResponse(request, "admin/claims/document/annotate.html", context)
