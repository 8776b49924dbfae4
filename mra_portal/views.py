import datetime

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cooperation.summary import dashboard as cooperation_dashboard
from partners.models import Organization


@require_safe
def home(request):
    """The dashboard: what the signed-in user can reach, by organisation."""
    organizations = Organization.objects.for_user(request.user)
    return render(
        request,
        "home.html",
        {
            "partner_count": organizations.partners().count(),
            "cooperation": cooperation_dashboard(request.user),
        },
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
def baseline(request):
    """`make bench` only: the cheapest page the stack can serve, one query, for comparison."""
    return HttpResponse(f"{Organization.objects.count()} organisations", content_type="text/plain")


@login_not_required
@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's)."""
    return redirect(static("img/favicon.svg"), permanent=True)


def errors_notified() -> bool:
    """Whether a crash reaches someone: mail_admins (DEBUG off) or Sentry."""
    return bool(settings.SENTRY_DSN) or (bool(settings.ADMINS) and not settings.DEBUG)


def server_error(request):
    """handler500: says whether anyone was told, using no database, session, user or catalogue."""
    moment = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        page = get_template("500.html").render({"notified": errors_notified(), "time": moment})
    except Exception:  # the page of last resort must not fail in its turn
        return HttpResponseServerError(
            f"Erreur · خطأ · Error (UTC {moment})", content_type="text/plain; charset=utf-8"
        )
    return HttpResponseServerError(page)
