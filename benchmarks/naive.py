"""The naive baseline of the HTTP benchmark: plain DRF ModelSerializers with nested relations and no
prefetching, as users would otherwise write them, filtered by the API's own filter set (same rows)."""

from rest_framework import renderers, serializers, viewsets

from claims.api.pagination import Pagination
from claims.filtersets import ClaimFilterSet
from claims.models import Actor, Claim, ClaimActor, ClaimLink, Document, Source


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "slug", "name"]


class DocumentBriefSerializer(serializers.ModelSerializer):
    source = SourceSerializer()

    class Meta:
        model = Document
        fields = ["id", "title", "source"]


class ActorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["id", "slug", "name"]


class ClaimActorSerializer(serializers.ModelSerializer):
    actor = ActorSerializer()

    class Meta:
        model = ClaimActor
        fields = ["role", "actor"]


class LinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClaimLink
        fields = ["id", "from_claim", "to_claim", "relation", "status"]


class ClaimSerializer(serializers.ModelSerializer):
    document = DocumentBriefSerializer()
    claim_actors = ClaimActorSerializer(many=True)
    links_from = LinkSerializer(many=True)
    links_to = LinkSerializer(many=True)

    class Meta:
        model = Claim
        exclude = ["search_vector", "actors", "created_by", "updated_by"]


class ClaimBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Claim
        fields = ["id", "kind", "status", "start", "end", "quote"]


class DocumentSerializer(serializers.ModelSerializer):
    source = SourceSerializer()
    republished_from = SourceSerializer()
    claims = ClaimBriefSerializer(many=True)

    class Meta:
        model = Document
        exclude = ["search_vector"]


class JSONLinesRenderer(renderers.BaseRenderer):
    media_type = "application/jsonl"
    format = "jsonl"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        json = renderers.JSONRenderer()
        return b"".join(json.render(row) + b"\n" for row in data)


class ClaimViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Claim.objects.all()
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilterSet
    pagination_class = Pagination
    renderer_classes = [renderers.JSONRenderer, JSONLinesRenderer]

    def paginate_queryset(self, queryset):
        return None if self.request.accepted_renderer.format == "jsonl" else super().paginate_queryset(queryset)


class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Document.objects.all()
    serializer_class = DocumentSerializer
