"""The project's routes, and the two DRF baselines: naive under /naive/, fair (prefetching) under /fair/."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from config.urls import urlpatterns as project

from . import fair, naive


def baseline(module, name: str) -> list:
    router = SimpleRouter()
    router.register("claims", module.ClaimViewSet, basename=f"{name}-claim")
    router.register("documents", module.DocumentViewSet, basename=f"{name}-document")
    return router.urls


urlpatterns = [*project, path("naive/", include(baseline(naive, "naive"))), path("fair/", include(baseline(fair, "fair")))]
