"""Published reviews: which claims have one, one review read for its page and its ClaimReview, and the ClaimReview.

A review is published when its claim is reviewed with a verdict (ClaimQuerySet.published_reviews). The API's
/api/claims/{id}/claimreview/ and the public page /fact-checks/{id}/ both read it with published_review() and
shape its ClaimReview with claim_review(), so the JSON-LD a page embeds is the API's.
"""

from __future__ import annotations

from datetime import datetime

import orjson
from django.conf import settings
from django.db import connections
from django.db.models import Q, QuerySet
from django.urls import reverse

from claims.models import Claim, ClaimActor, ClaimLink
from claims.sql import claim_related_json, review_related_json
from claims.text.dates import format_interval

# The links a review page shows: what corroborates and what contradicts the claim (not rejected ones).
RELATIONS_SHOWN = (ClaimLink.Relation.CORROBORATES, ClaimLink.Relation.CONFLICTS)
# The fields a ClaimReview shows of the claim itself: a change to one of them changes the review (a note does not).
REVIEW_FIELDS = ("status", "verdict", "quote", "paraphrase", "language")
# The verdicts on schema.org's rating scale (bestRating 5, worstRating 1); "unverifiable" has a name but no place.
VERDICT_RATINGS = {"true": 5, "mostly_true": 4, "mixed": 3, "mostly_false": 2, "false": 1}
REVIEW_VALUES = (
    "id", "kind", "status", "verdict", "language", "quote", "paraphrase", "note", "start", "end", "date_start",
    "date_end", "date_precision", "value", "value_low", "value_high", "unit", "updated_at", "document_id",
    "document__title", "document__url", "document__languages", "document__published_start",
    "document__published_end", "document__published_precision", "document__source__name",
    "document__source__slug", "document__source__homepage", "detached",
)
# What the list of published reviews shows of each (with its actors).
LIST_VALUES = ("id", "kind", "verdict", "language", "quote", "paraphrase", "date_start", "date_end", "date_precision",
               "document_id", "document__title", "document__languages", "document__published_start",
               "document__published_end", "document__published_precision", "document__source__name")
# The order of the list: the latest documents first, then in text order.
LIST_ORDERING = ("-document__published_start", "document_id", "start", "id")


def reviewer(site_root: str) -> dict:
    """The reviewing organisation, {"name", "url"}: CLAIMTRACK_REVIEWER_NAME and CLAIMTRACK_REVIEWER_URL, else the
    site's own root."""
    return {"name": settings.CLAIMTRACK_REVIEWER_NAME, "url": settings.CLAIMTRACK_REVIEWER_URL or site_root}


def review_page_path(pk: int) -> str:
    """The path of a published review's public page."""
    return reverse("fact-check", args=[pk])


def published_review_problem(review: dict) -> str | None:
    """Why a claim (a dict with its status and verdict) has no published review, or None when it has one."""
    if review["status"] != Claim.Status.REVIEWED:
        return f"This claim is {review['status']}: only a reviewed claim with a verdict has a published review."
    if not review["verdict"]:
        return "This claim is reviewed but has no verdict yet, so it has no published review."
    return None


def published_review(pk: int, *, with_text: bool = False) -> dict | None:
    """A claim with what its review shows: its document and source, its actors (with their kind), the claims that
    corroborate or contradict it (with the link's note and the other claim's document) and its history; the
    document's text with `with_text`. One query on PostgreSQL. None when there is no such claim."""
    queryset = Claim.objects.filter(pk=pk)
    values = REVIEW_VALUES + (("document__text",) if with_text else ())
    if connections[queryset.db].vendor == "postgresql":
        related = review_related_json(queryset.db, relations=RELATIONS_SHOWN, rejected=ClaimLink.Status.REJECTED)
        row = queryset.values(*values, **related).first()
        if row is None:
            return None
        row["actors"], row["links"] = orjson.loads(row.pop("actors_json")), orjson.loads(row.pop("links_json"))
        row["history"] = orjson.loads(row.pop("history_json"))
        for entry in row["history"]:
            entry["history_date"] = datetime.fromisoformat(entry["history_date"])
        return row
    row = queryset.values(*values).first()
    return None if row is None else {**row, **_related(pk)}


def review_rows(queryset: QuerySet) -> list[dict]:
    """The LIST_VALUES of the claims of `queryset` (sliced to a page), each with its actors ({role, id, slug,
    name}, as the API lists them): one query on PostgreSQL, two elsewhere."""
    if connections[queryset.db].vendor == "postgresql":
        rows = list(queryset.values(*LIST_VALUES, actors_json=claim_related_json(queryset.db)["actors_json"]))
        for row in rows:
            row["actors"] = orjson.loads(row.pop("actors_json"))
        return rows
    return _rows_from_orm(queryset)


def _rows_from_orm(queryset: QuerySet) -> list[dict]:
    """What review_rows reads on PostgreSQL, read through the ORM (other databases)."""
    rows = list(queryset.values(*LIST_VALUES))
    actors = {}
    for claim_id, *actor in (ClaimActor.objects.filter(claim_id__in=[row["id"] for row in rows])
                             .order_by("role", "actor__name", "actor_id")
                             .values_list("claim_id", "role", "actor_id", "actor__slug", "actor__name")):
        actors.setdefault(claim_id, []).append(dict(zip(("role", "id", "slug", "name"), actor)))
    return [{**row, "actors": actors.get(row["id"], [])} for row in rows]


def _related(pk: int) -> dict:
    """What published_review reads as JSON on PostgreSQL, read through the ORM (other databases)."""
    actors = [dict(zip(("role", "id", "slug", "name", "kind"), row)) for row in ClaimActor.objects.filter(claim_id=pk)
              .order_by("role", "actor__name", "actor_id")
              .values_list("role", "actor_id", "actor__slug", "actor__name", "actor__kind")]
    links = []
    found = (ClaimLink.objects.filter(Q(from_claim_id=pk) | Q(to_claim_id=pk), relation__in=RELATIONS_SHOWN)
             .exclude(status=ClaimLink.Status.REJECTED).select_related("from_claim__document__source",
                                                                        "to_claim__document__source"))
    for link in sorted(found, key=lambda link: (link.relation, link.id)):
        other = link.to_claim if link.from_claim_id == pk else link.from_claim
        links.append({"id": link.id, "relation": link.relation, "note": link.note, "claim": other.id,
                      "quote": other.quote, "paraphrase": other.paraphrase, "language": other.language,
                      "status": other.status, "verdict": other.verdict, "document_title": other.document.title,
                      "document_languages": other.document.languages,
                      "source": other.document.source.name if other.document.source else None})
    history = list(Claim.history.filter(id=pk).order_by("history_date", "history_id")
                   .values("history_date", *REVIEW_FIELDS))
    return {"actors": actors, "links": links, "history": history}


def review_dates(review: dict) -> tuple[datetime, datetime]:
    """(first published, last changed) from the claim's history: when it was first reviewed with a verdict, and
    the latest save since then that changed a field the review shows. The claim's updated_at when the history
    holds no such entry (rows changed outside the services)."""
    published = modified = previous = None
    for row in review["history"]:
        fields = tuple(row[name] for name in REVIEW_FIELDS)
        if published is None and row["status"] == Claim.Status.REVIEWED and row["verdict"]:
            published = modified = row["history_date"]
        elif published is not None and fields != previous:
            modified = row["history_date"]
        previous = fields
    if published is None:
        published = modified = review["updated_at"]
    return published, modified


def document_date(review: dict) -> str | None:
    """The document's date at its precision ("2014", "2014-10", "2014-10-15"), a span of several units by its
    start (schema.org's datePublished is one date)."""
    return format_interval(review["document__published_start"], None, review["document__published_precision"])


def _party(kind: str, name: str, url: str = "") -> dict:
    return {"@type": kind, "name": name, **({"url": url} if url else {})}


def claim_review(review: dict, *, site_root: str) -> dict:
    """schema.org ClaimReview, with the fields Google's fact-check markup reads, of a published review (see
    published_review_problem); `site_root` the site's absolute URL ("https://host/"): the review's url is its
    public page there."""
    authors = [_party("Person" if actor["kind"] == "person" else "Organization", actor["name"])
               for actor in review["actors"] if actor["role"] == ClaimActor.Role.CLAIMANT]
    if not authors and review["document__source__name"]:  # no claimant linked: the outlet that published the claim
        authors = [_party("Organization", review["document__source__name"], review["document__source__homepage"])]
    rating = {"@type": "Rating", "alternateName": Claim.Verdict(review["verdict"]).label}
    if review["verdict"] in VERDICT_RATINGS:
        rating.update(ratingValue=VERDICT_RATINGS[review["verdict"]], bestRating=5, worstRating=1)
    published, modified = review_dates(review)
    date = document_date(review)
    dated = {"datePublished": date} if date else {}
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": site_root.rstrip("/") + review_page_path(review["id"]),
        "claimReviewed": review["paraphrase"] or review["quote"],
        "author": _party("Organization", **reviewer(site_root)),
        "datePublished": published.isoformat(),
        "dateModified": modified.isoformat(),
        "reviewRating": rating,
        "itemReviewed": {
            "@type": "Claim",
            "text": review["quote"],
            "inLanguage": review["language"],
            **({"author": authors} if authors else {}),
            **dated,
            **({"appearance": {"@type": "CreativeWork", "headline": review["document__title"],
                               "url": review["document__url"], **dated}} if review["document__url"] else {}),
        },
    }
