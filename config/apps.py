"""django.contrib.admin with claimtrack's site as its default one, as Django's docs lay out a custom default site."""

from django.contrib.admin.apps import AdminConfig


class ClaimtrackAdminConfig(AdminConfig):
    """Makes config.admin.ClaimtrackAdminSite admin.site, the site every @admin.register in claims/admin/ uses."""

    default_site = "config.admin.ClaimtrackAdminSite"
