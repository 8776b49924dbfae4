"""Beat's entry point for agreements: act-by dates that passed move on to the next term."""

from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def refresh_act_by() -> int:
    return services.agreements_refresh_act_by()
