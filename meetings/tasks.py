"""Thin Celery tasks: fetch by id and call the service."""

from celery import shared_task

from meetings import mail


@shared_task(autoretry_for=(ConnectionError,), max_retries=3, retry_backoff=True)
def send_meeting_mail(meeting_id: int, kind: str) -> int:
    return mail.meeting_mail_send(meeting_id=meeting_id, kind=kind)
