"""The project's URLs plus one that crashes, for the tests of what a 500 does."""

from django.urls import include, path

from mra_portal.urls import handler500

CRASH_DETAIL = "the crash detail that must stay on the server"


def crash(request):
    """A view with a bug in it."""
    raise RuntimeError(CRASH_DETAIL)


urlpatterns = [
    path("crash/", crash, name="crash"),
    path("", include("mra_portal.urls")),
]

__all__ = ["handler500", "urlpatterns"]
