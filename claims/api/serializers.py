"""API representations. Serializers map fields; writes go through claims.services, reads never query."""

from django.db import models
from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.models import (
    Actor, ActorAlias, Claim, ClaimActor, ClaimLink, Document, Language, Source, id_or_slug,
)
from claims.filtersets import DATE_INTERVAL_PATTERN
from claims.representations import CLAIM_FIELD_NAMES, CLAIM_READ_ONLY_FIELDS, figure
from claims.text.dates import FuzzyDate, format_interval


class DateIntervalField(serializers.Field):
    """A model's `<prefix>_start`, `_end` and `_precision` as one ISO 8601 interval cut to its precision:
    "2013", "2013-10", "2013-10-01", or "2011/2014"."""

    default_error_messages = {"invalid": "{error}"}

    def __init__(self, prefix: str, **kwargs):
        self.prefix = prefix
        super().__init__(source="*", allow_null=True, **kwargs)

    def to_representation(self, obj):
        p = self.prefix
        return format_interval(getattr(obj, f"{p}_start"), getattr(obj, f"{p}_end"), getattr(obj, f"{p}_precision"))

    def to_internal_value(self, data):
        p = self.prefix
        if data in (None, ""):
            return {f"{p}_start": None, f"{p}_end": None, f"{p}_precision": ""}
        if not isinstance(data, str) or len(data) > 30:
            self.fail("invalid", error="Use YYYY, YYYY-MM, YYYY-MM-DD, or start/end such as 2011/2014.")
        try:
            first, _, last = data.partition("/")
            start, end = FuzzyDate.parse(first), FuzzyDate.parse(last or first)
            if start.precision != end.precision or end.end < start.start:
                raise ValueError("an interval needs two ends of the same precision, in order")
        except ValueError as exc:
            self.fail("invalid", error=str(exc))
        return {f"{p}_start": start.start, f"{p}_end": end.end, f"{p}_precision": start.precision}

    def validate_empty_values(self, data):  # null means "unknown", which is a value here
        if data is serializers.empty:
            return super().validate_empty_values(data)
        return False, data


extend_schema_field({"type": "string", "nullable": True, "maxLength": 30, "pattern": DATE_INTERVAL_PATTERN})(
    DateIntervalField)


class TextOnly:
    """Refuses a JSON number or boolean where text is due: DRF's text fields would take 0 for "0", which the schema
    (type string) forbids."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictCharField(TextOnly, serializers.CharField):
    default_error_messages = {"invalid": "Not a string."}


class StrictSlugField(TextOnly, serializers.SlugField):
    default_error_messages = {"invalid": "Not a slug: use letters, numbers, underscores or hyphens."}


class StrictURLField(TextOnly, serializers.URLField):
    default_error_messages = {"invalid": "Not a URL."}


class StrictModelSerializer(serializers.ModelSerializer):
    """DRF's ModelSerializer with text fields that take text only."""

    serializer_field_mapping = {**serializers.ModelSerializer.serializer_field_mapping,
                                models.CharField: StrictCharField, models.TextField: StrictCharField,
                                models.SlugField: StrictSlugField, models.URLField: StrictURLField}


@extend_schema_field({"type": "string", "description": "A slug; null or an empty string for none."})
class OptionalSlugRelatedField(TextOnly, serializers.SlugRelatedField):
    """A row by its slug, or none: DRF takes an empty string (what a form sends) for null, and the schema says so."""

    default_error_messages = {"invalid": "Not a slug: a string, or null."}

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", allow_null=True, required=False, **kwargs)


class FigureField(serializers.DecimalField):
    """A figure: written as a number (or a decimal string), shown as the exact number without padding (47000, not
    "47000.000000"), as claims.representations shows it; claims.api.schema declares it."""

    def to_representation(self, value):
        return figure(value if isinstance(value, Decimal) else Decimal(str(value)))


class SourceSerializer(StrictModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "name", "slug", "homepage", "kind", "country", "primary_language", "notes", "updated_at"]
        read_only_fields = ["updated_at"]


class ActorAliasSerializer(StrictModelSerializer):
    class Meta:
        model = ActorAlias
        fields = ["name", "language"]


class ActorSerializer(StrictModelSerializer):
    aliases = ActorAliasSerializer(many=True, required=False)
    parent = OptionalSlugRelatedField(queryset=Actor.objects.all())

    class Meta:
        model = Actor
        fields = ["id", "kind", "name", "slug", "wikidata_id", "parent", "country", "aliases", "updated_at"]
        read_only_fields = ["updated_at"]


class DocumentSerializer(StrictModelSerializer):
    source = OptionalSlugRelatedField(queryset=Source.objects.all())
    published = DateIntervalField("published", required=False)
    published_precision = serializers.CharField(read_only=True, allow_null=True)
    languages = serializers.ListField(child=serializers.ChoiceField(Language.choices), required=False)

    class Meta:
        model = Document
        fields = ["id", "title", "source", "published", "published_precision", "languages", "url", "updated_at"]
        read_only_fields = ["updated_at"]


class ClaimBriefSerializer(StrictModelSerializer):
    class Meta:
        model = Claim
        fields = ["id", "kind", "status", "start", "end", "quote"]


class DocumentDetailSerializer(DocumentSerializer):
    republished_from = OptionalSlugRelatedField(queryset=Source.objects.all())
    claims = ClaimBriefSerializer(many=True, read_only=True)

    class Meta(DocumentSerializer.Meta):
        fields = DocumentSerializer.Meta.fields + ["republished_from", "byline", "filename", "text", "content_hash",
                                                   "main_ranges", "duplicate_ranges", "imported_at", "claims"]
        read_only_fields = ["updated_at", "filename", "content_hash", "main_ranges", "duplicate_ranges",
                            "imported_at"]


class DocumentUpdateSerializer(DocumentDetailSerializer):
    """A document's changes: its text is fixed once imported (a new text comes by re-import, which re-anchors the
    claims), so it is read-only here; sent unchanged it is accepted, changed it is refused (see DocumentViewSet)."""

    class Meta(DocumentDetailSerializer.Meta):
        read_only_fields = DocumentDetailSerializer.Meta.read_only_fields + ["text"]


class ClaimActorSerializer(serializers.Serializer):
    """An actor in a role: read as {id, slug, name, role}, written as {actor: id or slug, role}."""

    actor = StrictCharField(write_only=True, max_length=100)
    role = serializers.ChoiceField(ClaimActor.Role.choices)
    id = serializers.IntegerField(source="actor.id", read_only=True)
    slug = serializers.CharField(source="actor.slug", read_only=True)
    name = serializers.CharField(source="actor.name", read_only=True)

    def validate_actor(self, value):
        pk, slug = id_or_slug(value)
        actor = (Actor.objects.filter(pk=pk).first() if pk is not None
                 else Actor.objects.filter(slug=slug).first() if slug is not None else None)
        if actor is None:
            raise serializers.ValidationError(f"No actor with id or slug {value!r}.")
        return actor


class LinkBriefSerializer(serializers.Serializer):
    """A link seen from one claim: the other claim, the relation, the status."""

    id = serializers.IntegerField()
    claim = serializers.IntegerField()
    relation = serializers.CharField()
    status = serializers.CharField()


class ClaimSerializer(StrictModelSerializer):
    """Writes of claims, and the schema of the representation claims.representations defines (reads go
    through claims.selectors, which builds it from values() rows; a test holds the two equal)."""

    document = serializers.PrimaryKeyRelatedField(queryset=Document.objects.all())
    document_title = serializers.CharField(source="document.title", read_only=True)
    source = serializers.CharField(source="document.source.slug", read_only=True, allow_null=True)
    quote = StrictCharField(required=False, trim_whitespace=False)
    date = DateIntervalField("date", required=False)
    date_precision = serializers.SerializerMethodField()
    actors = ClaimActorSerializer(source="claim_actors", many=True, required=False)
    links = serializers.SerializerMethodField()

    serializer_field_mapping = {**StrictModelSerializer.serializer_field_mapping, models.DecimalField: FigureField}

    class Meta:
        model = Claim
        fields = CLAIM_FIELD_NAMES
        read_only_fields = CLAIM_READ_ONLY_FIELDS
        extra_kwargs = {"language": {"required": False}}

    def get_date_precision(self, claim) -> str | None:
        return claim.date_precision or None

    @extend_schema_field(LinkBriefSerializer(many=True))
    def get_links(self, claim):
        links = [(link, link.to_claim_id) for link in claim.links_from.all()]
        links += [(link, link.from_claim_id) for link in claim.links_to.all()]
        return [{"id": link.id, "claim": other, "relation": link.relation, "status": link.status}
                for link, other in sorted(links, key=lambda pair: pair[0].id)]


class ClaimLinkSerializer(StrictModelSerializer):
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = ClaimLink
        fields = ["id", "from_claim", "to_claim", "relation", "status", "note", "created_by", "created_at",
                  "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
