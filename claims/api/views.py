"""API viewsets: each takes its queryset from one queryset method and writes through claims.services."""

from collections.abc import Callable

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.status import HTTP_304_NOT_MODIFIED

from claims.filtersets import ActorFilterSet, ClaimFilterSet, ClaimLinkFilterSet, DocumentFilterSet, SourceFilterSet
from claims.models import MAX_ID, Actor, Claim, ClaimLink, Document, Source, whole_number
from claims.reviews import claim_review, published_review, published_review_problem
from claims.selectors import (
    claim_list, claim_representation, claim_representations, document_representation,
)
from claims.services.catalog import actor_save, source_save
from claims.services.claims import claim_create, claim_update, may_set_status
from claims.services.documents import TEXT_FIXED, DocumentInput, ImportRefused, document_create, document_update
from claims.services.links import claim_link_create, claim_link_update
from claims.services.rows import row_delete

from . import annotations, exports
from .concurrency import ETagMixin, etag_matches, etag_of
from .renderers import AnnotationRenderer, JSONLDRenderer, ORJSONRenderer, PlainTextRenderer
from .serializers import (
    ActorSerializer, ClaimLinkSerializer, ClaimSerializer, DocumentDetailSerializer, DocumentSerializer,
    DocumentUpdateSerializer, SourceSerializer,
)

# The reasons the history records for writes through the API.
ADDED, EDITED, DELETED = "added through the API", "edited through the API", "deleted through the API"


def _pk(view) -> int:
    """The id in the URL, or 404 when it cannot be one."""
    pk = whole_number(view.kwargs["pk"])
    if pk is None or pk > MAX_ID:
        raise NotFound("No such id.")
    return pk


ANNOTATION_RENDERERS = [AnnotationRenderer, ORJSONRenderer]
LDP_RESOURCE = "http://www.w3.org/ns/ldp#Resource"
JSON_ERROR = OpenApiResponse(OpenApiTypes.OBJECT, description="The reason, in detail or under the parameter's name.")
PAGE_PARAMETER = OpenApiParameter(
    "page", {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
    description="An AnnotationPage (from 1); without it, the AnnotationCollection with its first page embedded.")


def annotation_responses(description: str, *errors: int) -> dict:
    """The schema's responses of a Web Annotation endpoint: the Annotation Protocol's media type (any Accept of
    JSON-LD gives it) or plain JSON, and errors as JSON."""
    body = OpenApiResponse(OpenApiTypes.OBJECT, description=description)
    return {(200, AnnotationRenderer.profiled): body, (200, "application/json"): body,
            **{(status, "application/json"): JSON_ERROR for status in errors}}


def annotation_response(request, data: dict) -> Response:
    """An annotation, collection or page as the Annotation Protocol answers it: an ETag (304 to If-None-Match), its
    type (an LDP resource) in a Link header, and Vary: Accept (the media type follows the Accept header)."""
    etag = etag_of(data)
    headers = {"ETag": etag, "Link": f'<{LDP_RESOURCE}>; rel="type"', "Vary": "Accept"}
    if etag_matches(request, etag):
        return Response(status=HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(data, headers=headers)


class ReadById:
    """A detail read straight from claims.selectors by its id, with no instance loaded first (these rows have no
    per-object permissions), and shown the same way after a write (ETagMixin's hooks)."""

    read_by_id: Callable[[int], dict | None]  # the selector, as a staticmethod
    missing = "No row with this id."

    def represent(self, instance):
        return self.read_by_id(instance.pk)

    def retrieve_representation(self):
        data = self.read_by_id(_pk(self))
        if data is None:
            raise NotFound(self.missing)
        return data


class ListFilters:
    """Query-string filters narrow lists (and exports); a detail or a write addresses one row by its id, unfiltered."""

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if not self.detail else queryset


def _user(request):
    return request.user if request.user.is_authenticated else None


class ServiceDeletes:
    """Deletes go through the row's service, recorded in the history with their reason."""

    def perform_destroy(self, instance):
        row_delete(row=instance, user=_user(self.request), reason=DELETED)


class SourceViewSet(ListFilters, ServiceDeletes, ETagMixin, viewsets.ModelViewSet):
    """Publishers and outlets."""

    queryset = Source.objects.order_by("name", "id")
    serializer_class = SourceSerializer
    filterset_class = SourceFilterSet

    def perform_create(self, serializer):
        serializer.instance = source_save(user=_user(self.request), reason=ADDED, **serializer.validated_data)

    def perform_update(self, serializer):
        source_save(source=serializer.instance, user=_user(self.request), reason=EDITED, **serializer.validated_data)


class ActorViewSet(ListFilters, ServiceDeletes, ETagMixin, viewsets.ModelViewSet):
    """People, organisations and states, with their names in every script."""

    queryset = Actor.objects.select_related("parent").prefetch_related("aliases").order_by("name", "id")
    serializer_class = ActorSerializer
    filterset_class = ActorFilterSet

    def perform_create(self, serializer):
        serializer.instance = actor_save(user=_user(self.request), reason=ADDED, **serializer.validated_data)

    def perform_update(self, serializer):
        actor_save(actor=serializer.instance, user=_user(self.request), reason=EDITED, **serializer.validated_data)


class DocumentViewSet(ReadById, ListFilters, ServiceDeletes, ETagMixin, viewsets.ModelViewSet):
    """Documents; the detail adds the full text and the document's claims."""

    filterset_class = DocumentFilterSet
    read_by_id = staticmethod(document_representation)  # two queries compiled once, not DocumentDetailSerializer
    missing = "No document with this id."

    def get_queryset(self):
        documents = Document.objects.select_related("source", "republished_from").order_by("-published_start", "id")
        if self.action == "list":
            return documents.defer("text", "search_vector", "main_ranges", "duplicate_ranges")
        brief = Claim.objects.order_by("start", "id").only("id", "document_id", "kind", "status", "start", "end",
                                                            "quote")
        return documents.defer("search_vector").prefetch_related(Prefetch("claims", queryset=brief))

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return DocumentUpdateSerializer
        return DocumentSerializer if self.action == "list" else DocumentDetailSerializer

    def perform_create(self, serializer):
        try:
            serializer.instance = document_create(data=DocumentInput.from_fields(serializer.validated_data), reason=ADDED)
        except ImportRefused as exc:
            raise serializers.ValidationError({"text": [str(exc)]}) from None

    @extend_schema(responses={(200, "text/plain"): OpenApiResponse(OpenApiTypes.STR, description=(
        "The document's text, verbatim, in UTF-8: what annotations' selectors count code points in.")),
        304: OpenApiResponse(description="Not modified: If-None-Match names the text's ETag."),
        (404, "application/json"): JSON_ERROR})
    @action(detail=True, url_path="text", renderer_classes=[PlainTextRenderer], filter_backends=[],
            pagination_class=None)
    def text(self, request, pk=None):
        """The document's text as text/plain: the source of its claims' Web Annotations. ETag and If-None-Match
        as on every detail."""
        found = Document.objects.filter(pk=_pk(self)).values("text", "content_hash").first()
        if found is None:
            raise NotFound("No document with this id.")
        etag = f'"{found["content_hash"][:32]}"'
        if etag_matches(request, etag):
            return Response(status=HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        return Response(found["text"], headers={"ETag": etag})

    @extend_schema(parameters=[PAGE_PARAMETER], responses=annotation_responses(
        "An AnnotationCollection (total, first, last), or with page an AnnotationPage (items, partOf, next, prev, "
        "startIndex).", 400, 404))
    @action(detail=True, url_path="annotations", renderer_classes=ANNOTATION_RENDERERS, filter_backends=[],
            pagination_class=None)
    def annotations(self, request, pk=None):
        """The document's claims as a W3C AnnotationCollection (its first AnnotationPage embedded), or with ?page=N
        that AnnotationPage, with next, prev and partOf."""
        page = annotations.page_number(request)
        document = Document.objects.filter(pk=_pk(self)).values("id", "title").first()
        if document is None:
            raise NotFound("No document with this id.")
        return annotation_response(request, annotations.annotation_collection(document, request, page))

    def perform_update(self, serializer):
        # text is read-only here (DocumentUpdateSerializer): sent unchanged it is accepted, changed it is refused
        if "text" in self.request.data and self.request.data["text"] != serializer.instance.text:
            raise serializers.ValidationError({"text": [TEXT_FIXED]})
        document_update(document=serializer.instance, user=_user(self.request), reason=EDITED,
                        **serializer.validated_data)


ESCAPE_FORMULAS = OpenApiParameter(
    "escape_formulas", OpenApiTypes.BOOL, default=True,
    description="CSV: a cell starting with = + - @ tab or carriage return gets a leading ' so that spreadsheets show "
                "it rather than run it; false for cells exactly as stored.")
EXPORT_ANSWERS = {(200, "text/csv"): OpenApiTypes.STR, (200, "application/jsonl"): OpenApiTypes.STR}


@extend_schema_view(list=extend_schema(
    parameters=[OpenApiParameter("format", OpenApiTypes.STR, enum=["json", *exports.FORMATS],
                                 description="csv or jsonl: export the whole filtered set, not a page (as "
                                             "/api/claims/export/csv/ and /api/claims/export/jsonl/ do)."),
                ESCAPE_FORMULAS],
    responses={(200, "application/json"): ClaimSerializer, **EXPORT_ANSWERS}))
class ClaimViewSet(ReadById, ListFilters, ServiceDeletes, ETagMixin, viewsets.ModelViewSet):
    """Claims: figures, events and statements at spans of documents' texts."""

    serializer_class = ClaimSerializer
    filterset_class = ClaimFilterSet
    read_by_id = staticmethod(claim_representation)  # one query compiled once
    missing = "No claim with this id."

    def get_queryset(self):
        if not self.detail:  # the list and its exports: values() rows read through claims.selectors
            return claim_list()
        return Claim.objects.select_related("document")  # writes: the representation comes from selectors

    def get_renderers(self):
        renderers = super().get_renderers()
        if self.action == "list":
            renderers += [exports.CSVRenderer(), exports.JSONLinesRenderer()]
        return renderers

    def list(self, request, *args, **kwargs):
        fmt = getattr(request.accepted_renderer, "format", None)
        escape_formulas = exports.escape_formulas(request)  # checked whatever the format, as the schema declares it
        if fmt in exports.FORMATS:
            return self._export(fmt, escape_formulas)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(claim_representations(page))

    def _export(self, fmt: str, escape_formulas: bool):
        return exports.stream(self.filter_queryset(self.get_queryset()), fmt, escape_formulas=escape_formulas)

    @extend_schema(operation_id="claims_export_csv", filters=True, parameters=[ESCAPE_FORMULAS],
                   responses={(200, "text/csv"): OpenApiTypes.STR})
    @action(detail=False, url_path="export/csv", renderer_classes=[exports.CSVRenderer], pagination_class=None)
    def export_csv(self, request):
        """The whole filtered set as CSV (UTF-8 with a byte order mark), streamed: the list's filters, no pages."""
        return self._export("csv", exports.escape_formulas(request))

    @extend_schema(operation_id="claims_export_jsonl", filters=True,
                   responses={(200, "application/jsonl"): OpenApiTypes.STR})
    @action(detail=False, url_path="export/jsonl", renderer_classes=[exports.JSONLinesRenderer],
            pagination_class=None)
    def export_jsonl(self, request):
        """The whole filtered set as JSON Lines, one claim per line as the list shows it, streamed."""
        return self._export("jsonl", exports.escape_formulas(request))

    def finalize_response(self, request, response, *args, **kwargs):
        """Errors are JSON whatever format was asked for (an export's 400 included), as the schema says."""
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code >= 400 and isinstance(getattr(response, "accepted_renderer", None),
                                                      exports.CSVRenderer):
            response.accepted_renderer, response.accepted_media_type = ORJSONRenderer(), "application/json"
        return response

    def _check_review(self, values: dict, claim: Claim | None = None):
        """Only reviewers set status or verdict; editors create drafts and suggestions and resolve suggestions."""
        old = claim.status if claim else None
        new = values.get("status", old or Claim.Status.DRAFT)
        verdict_changed = "verdict" in values and values["verdict"] != (claim.verdict if claim else "")
        if not may_set_status(self.request.user, old=old, new=new, verdict_changed=verdict_changed):
            raise PermissionDenied("Only reviewers can set a claim's status or verdict.")

    @staticmethod
    def _split(values: dict):
        actors = values.pop("claim_actors", None)
        return values, None if actors is None else [(a["actor"], a["role"]) for a in actors]

    def perform_create(self, serializer):
        values, actors = self._split(dict(serializer.validated_data))
        self._check_review(values)
        serializer.instance = claim_create(actors=actors or (), user=_user(self.request), reason=ADDED, **values)

    def perform_update(self, serializer):
        values, actors = self._split(dict(serializer.validated_data))
        self._check_review(values, serializer.instance)
        claim_update(claim=serializer.instance, user=_user(self.request), reason=EDITED, actors=actors, **values)

    @extend_schema(responses={
        **{(200, media_type): OpenApiResponse(OpenApiTypes.OBJECT, description="schema.org ClaimReview")
           for media_type in (JSONLDRenderer.media_type, ORJSONRenderer.media_type)},
        (404, "application/json"): JSON_ERROR})
    @action(detail=True, url_path="claimreview", renderer_classes=[JSONLDRenderer, ORJSONRenderer])
    def claimreview(self, request, pk=None):
        """The claim's published review as schema.org ClaimReview JSON-LD (the one its public page /fact-checks/{id}/
        embeds); 404 with the reason until the claim is reviewed with a verdict."""
        review = published_review(_pk(self))
        if review is None:
            raise NotFound("No claim with this id.")
        problem = published_review_problem(review)
        if problem:
            raise NotFound(problem)
        return Response(claim_review(review, site_root=request.build_absolute_uri("/")))

    @extend_schema(responses=annotation_responses("A W3C Web Annotation.", 404))
    @action(detail=True, url_path="annotation", renderer_classes=ANNOTATION_RENDERERS)
    def annotation(self, request, pk=None):
        """The claim as a W3C Web Annotation with position and quote selectors; its target's source is the
        document's text (/api/documents/{id}/text/)."""
        return annotation_response(request, annotations.claim_annotation(_pk(self), request))


class ClaimLinkViewSet(ListFilters, ServiceDeletes, ETagMixin, viewsets.ModelViewSet):
    """Links between claims that corroborate, contradict or translate each other."""

    queryset = ClaimLink.objects.select_related("created_by").order_by("id")
    serializer_class = ClaimLinkSerializer
    filterset_class = ClaimLinkFilterSet

    def perform_create(self, serializer):
        serializer.instance = claim_link_create(user=_user(self.request), reason=ADDED, **serializer.validated_data)

    def perform_update(self, serializer):
        claim_link_update(link=serializer.instance, user=_user(self.request), reason=EDITED, **serializer.validated_data)

