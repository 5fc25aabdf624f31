"""The fair baseline of the HTTP benchmark: the naive baseline's nested ModelSerializers, with the queryset
a competent DRF developer writes for them: related rows joined (`select_related`) or fetched once per page
(`prefetch_related`), and the columns no serializer shows left in the database (`defer`)."""

from django.db.models import Prefetch

from claims.models import Claim, ClaimActor, Document

from .naive import ClaimViewSet as NaiveClaimViewSet
from .naive import DocumentViewSet as NaiveDocumentViewSet


class ClaimViewSet(NaiveClaimViewSet):
    queryset = (Claim.objects.select_related("document__source")
                .defer("search_vector", "document__text", "document__search_vector", "document__main_ranges",
                       "document__duplicate_ranges")
                .prefetch_related(Prefetch("claim_actors", ClaimActor.objects.select_related("actor")),
                                  "links_from", "links_to"))


class DocumentViewSet(NaiveDocumentViewSet):
    queryset = (Document.objects.select_related("source", "republished_from").defer("search_vector")
                .prefetch_related(Prefetch("claims", Claim.objects.only(
                    "id", "document_id", "kind", "status", "start", "end", "quote"))))
