from django.conf import settings
from django_celery_beat.utils import is_database_scheduler

from mra_portal.celery import app


def test_the_portal_keeps_casablanca_time_and_celery_keeps_utc():
    assert settings.TIME_ZONE == "Africa/Casablanca"
    assert settings.USE_TZ
    assert app.conf.timezone == "UTC"
    assert app.conf.enable_utc


def test_celery_beat_reads_its_schedule_from_the_database():
    assert app.conf.beat_scheduler == "mra_portal.beat:Scheduler"
    assert is_database_scheduler(app.conf.beat_scheduler)


def test_database_connections_are_persistent():
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"]
