import pytest
from django.core.management import CommandError, call_command

from reports.models import Report
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db


def test_generate_report_renders_a_pdf_without_a_broker(plan, tmp_path):
    output = tmp_path / "rapport.pdf"
    call_command("generate_report", period="2. halvår 2025", audience="omu", output=output)
    text = " ".join(pdf_text(output.read_bytes()).split())
    assert "Halvårsstatus til OMU" in text and "2. halvår 2025" in text
    assert not Report.objects.exists()  # nothing issued, nothing stored


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("efterår 2025", 'Halvåret skal skrives som "2. halvår 2025"'),
        ("1. halvår 1999", "Halvåret 1. halvår 1999 findes ikke."),
    ],
)
def test_generate_report_explains_a_bad_period(plan, tmp_path, period, message):
    with pytest.raises(CommandError, match=message):
        call_command("generate_report", period=period, audience="omu", output=tmp_path / "x.pdf")


def test_generate_report_refuses_a_planned_half_year(plan, tmp_path):
    from tests.initiatives.factories import PeriodFactory

    PeriodFactory(year=2027, half=1, planned=True)
    with pytest.raises(CommandError, match=r"1\. halvår 2027 er planlagt og endnu ikke åbnet"):
        call_command(
            "generate_report", period="1. halvår 2027", audience="omu", output=tmp_path / "x.pdf"
        )
    assert not (tmp_path / "x.pdf").exists()
