"""The public fact-check pages: /fact-checks/ lists the published reviews (filtered by the API's ClaimFilterSet) and
/fact-checks/{id}/ shows one, with the ClaimReview the API serves embedded as JSON-LD. Anyone may read them; each
page costs one query (on PostgreSQL) and answers a conditional GET with 304."""

from __future__ import annotations

import json

from django.http import QueryDict
from django.middleware.http import ConditionalGetMiddleware
from django.shortcuts import render
from django.utils.decorators import decorator_from_middleware
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from claims.filtersets import ClaimFilterSet
from claims.models import Claim, ClaimActor, ClaimLink, Language, whole_number
from claims.reviews import (LIST_ORDERING, claim_review, published_review, published_review_problem,
                            review_page_path, review_rows)
from claims.text.dates import format_interval
from claims.text.spans import paragraph

FILTERS = ("verdict", "language", "actor", "date_after", "date_before")  # of ClaimFilterSet, as the API reads them
# What the form calls each parameter, for a message the reader can place
LABELS = {"verdict": "Verdict", "language": "Language of the claim", "actor": "Actor", "date_after": "From",
          "date_before": "To", "page": "Page"}
PAGE_SIZE = 20
# JSON inside <script>: no "</script>" or "<!--" can end or bend the element (Django's json_script escapes alike)
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

# An ETag from the page's bytes, and 304 when If-None-Match names it; clients revalidate before reusing a copy.
conditional = decorator_from_middleware(ConditionalGetMiddleware)


def public_page(view):
    """GET and HEAD only, ETag and conditional GET, and a copy is reused only once the server confirms it."""
    return require_safe(cache_control(no_cache=True)(conditional(view)))


def json_ld(data: dict):
    """`data` as JSON safe to place inside a <script> element."""
    return mark_safe(json.dumps(data, ensure_ascii=False, indent=1).translate(SCRIPT_ESCAPES))


def _lang(languages: list[str]) -> str:
    """The lang attribute of a text in these languages: the one language, else none (the page's)."""
    return languages[0] if len(languages) == 1 else ""


def _problem(request, message: str, status: int):
    return render(request, "public/problem.html", {"message": message}, status=status)


def _verdict(verdict: str) -> str:
    return Claim.Verdict(verdict).label if verdict else ""


@public_page
def fact_checks(request):
    """The published reviews, the latest documents first, filtered as the API filters claims."""
    data = QueryDict(mutable=True)
    for name in FILTERS:
        values = [value for value in request.GET.getlist(name) if value.strip()]
        if values:
            data.setlist(name, values)
    filterset = ClaimFilterSet(data=data, queryset=Claim.objects.published_reviews().order_by(*LIST_ORDERING))
    raw_page = request.GET.get("page", "1")
    page_number = whole_number(raw_page)
    errors = {} if page_number is not None and 1 <= page_number < 10**9 else {
        "page": f"a page number from 1, not {raw_page[:50]!r}."}
    if not filterset.is_valid():
        errors.update({name: " ".join(messages) for name, messages in filterset.errors.items()})
    if errors:  # the list's own page, with the form as it was filled in and what is wrong with it
        return render(request, "public/fact_checks.html", {
            **_form_context(data), "rows": [], "page": 1, "offset": 0,
            "errors": " ".join(f"{name}: {LABELS.get(name, name)}: {message}" for name, message in errors.items()),
        }, status=400)
    page = page_number
    offset = (page - 1) * PAGE_SIZE
    rows = review_rows(filterset.qs[offset:offset + PAGE_SIZE + 1])  # one more: is there a next page?
    if page > 1 and not rows:
        return _problem(request, f"There is no page {page} of these fact-checks.", 404)

    def page_url(number: int) -> str:
        query = data.copy()
        query["page"] = str(number)
        return "?" + query.urlencode()

    for row in rows:
        row.update(url=review_page_path(row["id"]), verdict_label=_verdict(row["verdict"]),
                   date=format_interval(row["date_start"], row["date_end"], row["date_precision"]),
                   document_date=format_interval(row["document__published_start"], row["document__published_end"],
                                                 row["document__published_precision"]),
                   title_lang=_lang(row["document__languages"]),
                   claimants=[actor for actor in row["actors"] if actor["role"] == ClaimActor.Role.CLAIMANT])
    return render(request, "public/fact_checks.html", {
        "rows": rows[:PAGE_SIZE], "page": page, "offset": offset,
        "next_url": page_url(page + 1) if len(rows) > PAGE_SIZE else "",
        "previous_url": page_url(page - 1) if page > 1 else "",
        **_form_context(data),
    })


def _form_context(data: QueryDict) -> dict:
    """The filter form's choices and what the reader chose."""
    return {"verdicts": Claim.Verdict.choices, "languages": Language.choices,
            "chosen": {name: data.getlist(name) for name in FILTERS}, "filtered": bool(data)}


@public_page
def fact_check(request, pk: int):
    """One published review: the claim and its verdict, the quote in its paragraph, the document, what
    corroborates and contradicts it, and its ClaimReview as JSON-LD."""
    review = published_review(pk, with_text=True) if pk < 2**63 else None
    if review is None or published_review_problem(review):
        return _problem(request, f"No published fact-check has the number {pk}.", 404)
    text, start, end = review.pop("document__text"), review["start"], review["end"]
    quoted = None
    if not review["detached"] and text[start:end] == review["quote"]:
        left, right = paragraph(text, start, end)
        quoted = {"before": text[left:start], "after": text[end:right],
                  "cut_before": left > 0 and text[left - 1] != "\n",
                  "cut_after": right < len(text) and text[right] != "\n"}
    structured = claim_review(review, site_root=request.build_absolute_uri("/"))
    links = {relation: [] for relation in (ClaimLink.Relation.CORROBORATES, ClaimLink.Relation.CONFLICTS)}
    for link in review["links"]:
        published = link["status"] == Claim.Status.REVIEWED and link["verdict"]
        links[link["relation"]].append({**link, "verdict_label": _verdict(link["verdict"]),
                                        "title_lang": _lang(link["document_languages"]),
                                        "url": review_page_path(link["claim"]) if published else ""})
    return render(request, "public/fact_check.html", {
        "review": review, "quoted": quoted, "json_ld": json_ld(structured),
        "verdict_label": _verdict(review["verdict"]),
        "date": format_interval(review["date_start"], review["date_end"], review["date_precision"]),
        "document_date": format_interval(review["document__published_start"], review["document__published_end"],
                                         review["document__published_precision"]),
        "title_lang": _lang(review["document__languages"]),
        "claimants": [actor for actor in review["actors"] if actor["role"] == ClaimActor.Role.CLAIMANT],
        "published": structured["datePublished"][:10], "modified": structured["dateModified"][:10],
        "corroborating": links[ClaimLink.Relation.CORROBORATES],
        "conflicting": links[ClaimLink.Relation.CONFLICTS],
    })
