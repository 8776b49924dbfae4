from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(admin.AdminSite):
    site_header = _("MRA Partnership Portal administration")
    site_title = _("MRA Partnership Portal")

    def has_permission(self, request):
        """Administrators only, and only once their second factor is verified."""
        return super().has_permission(request) and request.user.is_verified()
