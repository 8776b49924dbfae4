import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from partners.models import Organization


@require_safe
def home(request):
    """The dashboard: what the signed-in user can reach, by organisation."""
    organizations = Organization.objects.for_user(request.user)
    return render(
        request,
        "home.html",
        {"partner_count": organizations.partners().count()},
    )


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


def redis_ok() -> bool:
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False
    finally:
        client.close()


@login_not_required
@never_cache
@require_safe
def healthz(request):
    """For docker-compose and load balancers: 503 when the database or Redis is unreachable."""
    checks = {"database": database_ok(), "redis": redis_ok()}
    healthy = all(checks.values())
    return JsonResponse(
        {name: "ok" if ok else "down" for name, ok in checks.items()},
        status=200 if healthy else 503,
    )


@login_not_required
@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's)."""
    return redirect(static("img/favicon.svg"), permanent=True)
