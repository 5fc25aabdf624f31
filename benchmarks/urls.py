"""The project's routes, and the naive baseline under /naive/."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from config.urls import urlpatterns as project

from .naive import ClaimViewSet, DocumentViewSet

router = SimpleRouter()
router.register("claims", ClaimViewSet, basename="naive-claim")
router.register("documents", DocumentViewSet, basename="naive-document")

urlpatterns = [*project, path("naive/", include(router.urls))]
