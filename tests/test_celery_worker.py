"""A task goes through Redis to a real worker process and back."""

import pytest

from strategy.tasks import health_ping


@pytest.mark.xdist_group("celery")
def test_a_task_runs_on_a_real_worker_through_redis(celery_worker_process, strategy_data):
    result = health_ping.delay()
    assert result.get(timeout=30) == {"themes": 4}
    assert celery_worker_process.proc.poll() is None
