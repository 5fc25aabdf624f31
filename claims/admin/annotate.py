"""The annotation view: a document's text with every claim highlighted, and selection to annotate."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html_join

from claims.models import MAX_ID, REVIEW_PERMISSION, Claim, Document, whole_number
from claims.services.claims import claim_resolve_suggestion

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


def reading(claim: Claim) -> str:
    """A claim's gist in the side panel: its value or date, else the start of its quote."""
    if claim.value is not None:
        return f"{number(claim.value)} {claim.unit}".strip()
    return claim.date_iso or claim.quote[:40]


def panel_rows(claims: list[Claim]) -> list[dict]:
    """What the page knows of each claim, in text order: for the side panel, the keyboard review and the warning
    about a selection that is already a claim (as JSON for the script)."""
    return [{"id": c.pk, "start": c.start, "end": c.end, "kind": c.kind, "status": c.status, "reading": reading(c),
             "links": c.link_count} for c in claims]


STATUS_LEGEND = [("suggested", "suggested (dashed)"), ("draft", "draft (solid)"), ("reviewed", "reviewed (filled)")]


def annotate_view(model_admin, request, object_id):
    """Admin view: the document's full text with its claims, selectable to add new ones, reviewable from the
    keyboard, and listed in a side panel."""
    document = get_object_or_404(Document, pk=object_id)
    if not model_admin.has_view_permission(request, document):
        raise PermissionDenied
    claims = list(document.claims.with_link_count().order_by("start", "end", "pk"))
    rows = panel_rows(claims)
    legend = [(f"claim kind-{kind} status-reviewed", label) for kind, label in Claim.Kind.choices]
    legend += [(f"claim kind-statement status-{status}", label) for status, label in STATUS_LEGEND]
    legend += [("chrome", "page chrome"), ("duplicate", "repeated block")]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Annotate: {document.title}",
        "document": document,
        "opts": model_admin.model._meta,
        "text_html": render_text(document, claims),
        "claim_count": len(claims),
        "claims": rows,
        "suggested_count": sum(row["status"] == Claim.Status.SUGGESTED for row in rows),
        "can_add": request.user.has_perm("claims.add_claim"),
        "can_review": request.user.has_perm(REVIEW_PERMISSION),
        "add_url": reverse("admin:claims_claim_add"),
        "change_url": reverse("admin:claims_claim_change", args=[0]).replace("/0/", "/{id}/"),
        "review_url": reverse("admin:claims_claim_review", args=[0]).replace("/0/", "/{id}/"),
        "kinds": Claim.Kind.choices,
        "length": len(document.text),
        "legend": format_html_join(" ", '<span class="seg {}">{}</span>', legend),
    }
    return TemplateResponse(request, "admin/claims/document/annotate.html", context)


DECISIONS = {"accept": (True, "accepted in the annotate view"), "reject": (False, "rejected in the annotate view")}


def review_view(request, object_id):
    """Admin endpoint of the keyboard review: POST decision=accept|reject for one suggested claim; answers JSON,
    the claim's new status and how many suggestions its document has left, or a one-line error."""
    if request.method != "POST":
        return JsonResponse({"error": "Send a POST with decision=accept or decision=reject."}, status=405)
    if not request.user.has_perm(REVIEW_PERMISSION):
        return JsonResponse({"error": "Only reviewers may accept or reject suggestions here."}, status=403)
    decision = DECISIONS.get(request.POST.get("decision", ""))
    if decision is None:
        return JsonResponse({"error": "decision must be accept or reject."}, status=400)
    pk = whole_number(str(object_id))
    claim = Claim.objects.filter(pk=pk).first() if pk is not None and pk <= MAX_ID else None
    if claim is None:
        return JsonResponse({"error": f"There is no claim #{object_id}."}, status=404)
    accept, reason = decision
    try:
        claim = claim_resolve_suggestion(claim=claim, accept=accept, user=request.user, reason=reason)
    except ValidationError as exc:
        return JsonResponse({"error": " ".join(exc.messages)}, status=409)
    left = Claim.objects.filter(document_id=claim.document_id, status=Claim.Status.SUGGESTED).count()
    return JsonResponse({"id": claim.pk, "status": claim.status, "left": left})
