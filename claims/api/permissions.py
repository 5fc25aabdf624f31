"""Who may do what: the groups editors, reviewers and fact-checkers, through model permissions."""

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissions


class RolePermission(DjangoModelPermissions):
    """Reading needs the view permission (fact-checkers and up), or anonymous reading switched on;
    writing needs add, change or delete (editors and reviewers)."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS and settings.CLAIMTRACK_ANONYMOUS_READ:
            return True
        return super().has_permission(request, view)

