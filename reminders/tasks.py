"""Beat's entry points. They carry no data: the outbox says what is due."""

from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def dispatch_reminders() -> dict:
    return dict(services.reminders_dispatch())


@shared_task(ignore_result=True)
def reconcile_reminders() -> dict:
    return dict(services.reminders_reconcile())
