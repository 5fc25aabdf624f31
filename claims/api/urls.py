"""Routes under /api/: kebab-case plurals, the schema and its documentation pages."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from . import docs
from .views import ActorViewSet, ClaimLinkViewSet, ClaimViewSet, DocumentViewSet, SourceViewSet

router = DefaultRouter()
router.APIRootView = type("APIRootView", (DefaultRouter.APIRootView,), {  # the root page's description
    "__doc__": "claimtrack: documents, the figures and events claimed in them, and the links between claims."})
router.register("documents", DocumentViewSet, basename="document")
router.register("sources", SourceViewSet, basename="source")
router.register("actors", ActorViewSet, basename="actor")
router.register("claims", ClaimViewSet, basename="claim")
router.register("claim-links", ClaimLinkViewSet, basename="claimlink")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("schema/swagger/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    # our template: drf-spectacular's without its Google Fonts links, with ReDoc's bundle served by docs.py
    path("schema/redoc/", SpectacularRedocView.as_view(url_name="schema", template_name="api/redoc.html"),
         name="redoc"),
    path("schema/redoc/redoc.standalone.js", docs.redoc_bundle, name="redoc-bundle"),
    path("", include(router.urls)),
]
