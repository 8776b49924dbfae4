"""Limits on what a request may send, checked before its body is read."""

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _


class BodyLimitMiddleware:
    """Refuses, from its Content-Length, a body larger than its sender may send: a visitor who
    is not signed in, a login form's worth (MAX_ANONYMOUS_REQUEST_SIZE); a signed-in user,
    the most a form takes at once (MAX_REQUEST_SIZE). Nothing of a refused body is read, so
    nothing of it reaches the disk; the connection closes rather than drain it. Placed after
    the authentication middleware, which reads the session, not the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or "0"
        length = int(declared) if declared.isascii() and declared.isdigit() else 0
        signed_in = request.user.is_authenticated
        limit = settings.MAX_REQUEST_SIZE if signed_in else settings.MAX_ANONYMOUS_REQUEST_SIZE
        if length > limit:
            response = HttpResponse(
                _("This request is larger than the portal accepts."),
                status=413,
                content_type="text/plain; charset=utf-8",
            )
            response["Connection"] = "close"
            return response
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Denies the browser features the portal never uses (camera, microphone, location…)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
