from celery import shared_task
from django.conf import settings

from strategy.models import Theme


@shared_task(ignore_result=False)
def health_ping() -> dict:
    """A round trip through the broker and the database, for health checks and tests."""
    return {"themes": Theme.objects.count()}


@shared_task
def deactivate_unseen_people() -> list[str]:
    """Daily (beat): people not seen for PEOPLE_DEACTIVATE_AFTER_DAYS days are deactivated."""
    from strategy.services import people_deactivate_unseen

    return people_deactivate_unseen(days=settings.PEOPLE_DEACTIVATE_AFTER_DAYS)
