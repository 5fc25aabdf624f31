"""URL routes: the admin at /admin/, the REST API at /api/ (where / leads), the public fact-checks at /fact-checks/,
and the icon browsers ask for."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(url="/api/", permanent=False)),
    path("favicon.ico", RedirectView.as_view(url=static("claims/favicon.svg"), permanent=False)),
    path("admin/", admin.site.urls),
    path("api/", include("claims.api.urls")),
    path("api-auth/", include("rest_framework.urls")),
    path("fact-checks/", include("claims.public.urls")),
]

handler404 = "claims.api.errors.not_found"
handler500 = "claims.api.errors.server_error"
