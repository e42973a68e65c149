"""Thin Celery tasks: fetch by id and call the service."""

from celery import shared_task

from accounts import mail, retention


@shared_task(acks_late=True)
def deliver_mail(mail_id: int) -> str:
    # A failed attempt leaves the row pending with its next time; the beat task retries it.
    return mail.mail_deliver(mail_id=mail_id)


@shared_task
def deliver_pending_mail() -> int:
    return mail.mail_deliver_pending()


@shared_task
def purge_personal_data() -> dict[str, int]:
    return retention.personal_data_purge()
