from celery import shared_task

from strategy.models import Theme


@shared_task(ignore_result=False)
def health_ping() -> dict:
    """A round trip through the broker and the database, for health checks and tests."""
    return {"themes": Theme.objects.count()}
