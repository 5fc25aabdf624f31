"""Routes under /fact-checks/: the list of published reviews and one review's page."""

from django.urls import path

from .views import fact_check, fact_checks

urlpatterns = [
    path("", fact_checks, name="fact-checks"),
    path("<int:pk>/", fact_check, name="fact-check"),
]
