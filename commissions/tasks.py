"""Beat's entry point for minutes: written procedures whose deadline passed are closed."""

from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def close_written_procedures() -> int:
    return services.procedures_close_due()
