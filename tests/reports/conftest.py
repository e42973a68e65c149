import subprocess

import pytest

from reports.models import Audience, Report


@pytest.fixture
def plan(strategy_data):
    """The real development plan, its half-years and demo status, and Bilag 2."""
    from initiatives.services import plan_load_demo_status, plan_load_norddjurs
    from staffing.services import staffing_load_bilag2

    plan_load_norddjurs()
    plan_load_demo_status()
    staffing_load_bilag2()


@pytest.fixture
def closed_period(plan):
    """The same closed half-year as everywhere (1. halvår 2026), here from the loaded plan."""
    from initiatives.models import Period

    return Period.objects.get(year=2026, half=1)


@pytest.fixture
def make_report(closed_period, administrator):
    """A rendered report, made through the services without a broker."""
    from reports.services import report_render

    def _make(audience: str = Audience.OMU, stage: str = Report.Stage.DRAFT) -> Report:
        last = Report.objects.filter(period=closed_period, audience=audience).count()
        report = Report.objects.create(
            period=closed_period, audience=audience, version=last + 1, requested_by=administrator
        )
        report = report_render(report_id=report.pk)
        assert report.status == Report.Status.DONE, report.error
        if stage != Report.Stage.DRAFT:
            Report.objects.filter(pk=report.pk).update(stage=stage)
            report.refresh_from_db()
        return report

    return _make


def pdf_text(data: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return result.stdout.decode()


def correct_closed_status(period, *, text: str, user):
    """Change the status text of one of a closed half-year's updates the only way there is:
    reopen it with a reason (closing the open one first), save, close it again."""
    from initiatives.models import Period, StatusUpdate
    from initiatives.services import period_close, period_reopen

    current = Period.objects.current_open()
    if current is not None:
        period_close(period=current, user=user)
    period_reopen(period=period, reason="Rettelse af en statustekst.", user=user)
    update = StatusUpdate.objects.filter(period=period).select_related("initiative").first()
    StatusUpdate.objects.filter(pk=update.pk).update(status_text=text)
    period_close(period=period, user=user)
    return update
