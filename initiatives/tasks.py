"""Thin Celery tasks: call the service."""

from celery import shared_task

from initiatives import services


@shared_task
def close_expired_corrections() -> int:
    return services.corrections_close_expired()
