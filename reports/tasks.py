"""Thin Celery tasks: fetch by id and call the service."""

from celery import shared_task
from django.conf import settings

from reports import services


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=settings.REPORT_TIME_LIMIT_SECONDS,
    soft_time_limit=settings.REPORT_TIME_LIMIT_SECONDS - 15,
    autoretry_for=(ConnectionError,),
    max_retries=settings.REPORT_MAX_ATTEMPTS,
    retry_backoff=True,
)
def render_report(report_id: int) -> str:
    return services.report_render(report_id=report_id).status


@shared_task
def dispatch_pending_reports() -> int:
    return services.reports_dispatch_pending()


@shared_task
def send_deadline_reminders() -> int:
    return services.reminders_send()


@shared_task
def generate_drafts_for_closed_periods() -> int:
    return len(services.drafts_for_closed_periods())
