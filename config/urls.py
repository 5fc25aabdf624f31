"""URL routes: the admin at /admin/, the REST API at /api/."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("claims.api.urls")),
    path("api-auth/", include("rest_framework.urls")),
]
