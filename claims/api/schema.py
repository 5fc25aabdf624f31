"""The OpenAPI schema as the API behaves: every status an operation answers with its JSON error body, the ETag and
If-Match of optimistic concurrency, the links a client follows from a row to its writes, and anonymous reading
when it is on.

drf-spectacular's AutoSchema describes what serializers and filters declare; this subclass adds what the views,
the permission, the throttle, the negotiation and the exception handler do around them, from one table per kind
of operation (OPERATION_ERRORS), so that a view never repeats it in a decorator.
"""

from django import forms
from django.conf import settings
from drf_spectacular import openapi
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.permissions import SAFE_METHODS

from .concurrency import ETagMixin

# The two error bodies, as claims.api.errors and DRF's handler write them.
ERROR = {
    "type": "object",
    "description": "An error other than invalid input: what went wrong, in one sentence.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "type": "object",
    "description": "Invalid input: a list of messages under each offending field or parameter name (under "
                   "non_field_errors for a rule across fields, a list of such objects for a list of objects), or "
                   "a detail for a body that is not JSON at all.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {"anyOf": [{"type": "array", "items": {}}, {"type": "object"}]},
}
COMPONENTS = {"Error": ERROR, "ValidationError": VALIDATION_ERROR}

# The answers an operation may give besides its success, by the kind of operation. Every operation: 400 (an
# unknown ?format=, a bad filter or body), 401 and 403 (no valid token; not allowed), 406 (an Accept nothing
# renders), 429 (the throttle).
ALWAYS = {
    "400": ("ValidationError", "A parameter or the body is invalid; the body names which and why."),
    "401": ("Error", "No credentials, or a token that is not valid: send Authorization: Token <key>."),
    "403": ("Error", "Not allowed: reading needs the fact-checkers group (or anonymous reading switched on), "
                     "writing editors or reviewers (a claim's status and verdict, reviewers)."),
    "406": ("Error", "No representation matches the Accept header."),
    "429": ("Error", "Too many requests: the Retry-After header says when to try again."),
}
ROW = {"404": ("Error", "No row with this id.")}
BODY = {
    "409": ("Error", "Conflicts with data in the database (a row it would duplicate, or rows that depend on it)."),
    "413": ("Error", "The request body is larger than the server accepts."),
    "415": ("Error", "The request body is not JSON."),
}
VERSIONED = {
    "412": ("Error", "If-Match names a version that is no longer current: read the row again and reapply the change."),
    "428": ("Error", "If-Match is missing: send the ETag of the version being changed."),
}
OPERATION_ERRORS = {
    "list": {},
    "create": BODY,
    "retrieve": ROW,
    "update": {**ROW, **BODY, **VERSIONED},
    "partial_update": {**ROW, **BODY, **VERSIONED},
    "destroy": {**ROW, "409": BODY["409"], **VERSIONED},
}



def etag_header(*codes: int) -> OpenApiParameter:
    """The ETag response header of the given answers."""
    return OpenApiParameter("ETag", OpenApiTypes.STR, OpenApiParameter.HEADER, required=True, response=list(codes),
                            description="The version of the row as shown: send it back in If-Match to change the "
                                        "row, or in If-None-Match to be answered 304 while it is unchanged.")

IF_MATCH = OpenApiParameter("If-Match", {"type": "string", "minLength": 1}, OpenApiParameter.HEADER, required=True,
                            description="The ETag of the version being changed (or *: whatever the current one "
                                        "is); a stale one gives 412, none 428.")
IF_NONE_MATCH = OpenApiParameter("If-None-Match", OpenApiTypes.STR, OpenApiParameter.HEADER,
                                 description="ETags the client holds: 304 without a body when the row is one of them.")


class FigureFieldSchema(OpenApiSerializerFieldExtension):
    """A figure is a JSON number both ways; a request may also give it as a decimal string ("47000.5")."""

    target_class = "claims.api.serializers.FigureField"

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        digits = field.max_digits - field.decimal_places
        number = {"type": "number", "description": f"Exact to {field.decimal_places} decimal places, below 10^{digits}."}
        if direction == "response":
            return number
        bound = 10**digits
        text = {"type": "string", "pattern": rf"^-?[0-9]{{1,{digits}}}(\.[0-9]{{1,{field.decimal_places}}})?$"}
        return {"oneOf": [{**number, "minimum": -bound, "maximum": bound, "exclusiveMinimum": True,
                           "exclusiveMaximum": True}, text]}


class FilterConstraints(DjangoFilterExtension):
    """drf-spectacular's django-filter extension, plus the bounds each filter's form field enforces (maxLength,
    minimum, maximum), so that a value the schema allows is one the filter accepts."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        field = filter_field.field
        bounds = {}
        if isinstance(field, forms.CharField):  # Django's CharField refuses NUL characters
            bounds["pattern"] = "^[^\\x00]*$"
            if field.max_length:
                bounds["maxLength"] = field.max_length
        for name, key in (("min_value", "minimum"), ("max_value", "maximum")):
            value = getattr(field, name, None)
            if value is not None:
                bounds[key] = int(value) if value == int(value) else float(value)
        for parameter in parameters:
            parameter["schema"] = {**bounds, **parameter["schema"]}  # an explicit declaration wins
        return parameters


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's AutoSchema with claimtrack's error answers, concurrency headers and anonymous reading."""

    def _versioned(self) -> bool:
        return isinstance(self.view, ETagMixin)

    def _action(self) -> str | None:
        return getattr(self.view, "action", None)

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self._versioned():
            action = self._action()
            if action in ("update", "partial_update", "destroy"):
                parameters.append(IF_MATCH)
            if action == "retrieve":
                parameters += [IF_NONE_MATCH, etag_header(200, 304)]
            if action in ("update", "partial_update"):
                parameters.append(etag_header(200))
            if action == "create":
                parameters += [etag_header(201),
                               OpenApiParameter("Location", OpenApiTypes.URI, OpenApiParameter.HEADER, required=True,
                                                response=[201], description="The new row's URL.")]
        return parameters

    def get_auth(self):
        """Anonymous reading, when settings switch it on, is an empty security requirement on reads."""
        auth = super().get_auth()
        if settings.CLAIMTRACK_ANONYMOUS_READ and self.method in SAFE_METHODS and {} not in auth:
            auth.append({})
        return auth

    def error_responses(self) -> dict[str, tuple[str, str]]:
        """{status: (component, description)} of the errors this operation answers."""
        action = self._action()
        errors = dict(ALWAYS)
        if "{" in self.path:  # a row by its id: it may not exist
            errors.update(ROW)
        errors.update(OPERATION_ERRORS.get(action, {}))
        if not self._versioned():
            errors = {code: answer for code, answer in errors.items() if code not in VERSIONED}
        return errors

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation["responses"]
        if self._versioned() and self._action() == "retrieve":
            responses.setdefault("304", {"description": "Not modified: the row is the version If-None-Match "
                                                        "names.",
                                         "headers": self._get_response_headers_for_code("304")})
        for code, (name, description) in self.error_responses().items():
            component = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, schema=COMPONENTS[name],
                                          object=name)
            self.registry.register_on_missing(component)
            responses.setdefault(code, {"description": description,
                                        "content": {"application/json": {"schema": component.ref}}})
        operation["responses"] = dict(sorted(responses.items()))
        return operation


def add_links(result, generator, request, public):
    """A postprocessing hook: OpenAPI links from a row's answers (its creation, its detail) to the operations on
    it, carrying its id and its ETag as If-Match, so that a client (and schemathesis's stateful phase) can follow
    a row from creation through reads to changes and deletion."""
    paths = result["paths"]
    for path, item in paths.items():
        if not path.endswith("/{id}/") or path.count("{") != 1:
            continue
        writes = {method: item[method]["operationId"] for method in ("put", "patch", "delete") if method in item}
        reads = {"get": item["get"]["operationId"]} if "get" in item else {}
        collection = paths.get(path.removesuffix("{id}/"), {})
        if "post" in collection:
            links = {f"{operation}": {"operationId": operation,
                                      "parameters": {"path.id": "$response.body#/id",
                                                     **({"header.If-Match": "$response.header.ETag"}
                                                        if method != "get" else {})}}
                     for method, operation in {**reads, **writes}.items()}
            collection["post"]["responses"]["201"]["links"] = links
        if "get" in item:
            item["get"]["responses"]["200"]["links"] = {
                operation: {"operationId": operation,
                            "parameters": {"path.id": "$request.path.id", "header.If-Match": "$response.header.ETag"}}
                for operation in writes.values()}
    return result
