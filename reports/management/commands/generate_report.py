import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from reports.documents import build_snapshot, render_pdf
from reports.models import Audience
from reports.services import period_report_error

PERIOD_NAME = re.compile(r"^\s*([12])\.\s*halvår\s+(\d{4})\s*$", re.IGNORECASE)


class Command(BaseCommand):
    help = (
        "Danner en halvårsrapport som PDF uden opgavekø, fx "
        '--period "2. halvår 2025" --audience omu --output rapport.pdf'
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--period", required=True, help='Halvår, fx "2. halvår 2025".')
        parser.add_argument("--audience", required=True, choices=Audience.values)
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args, period: str, audience: str, output: Path, **options) -> None:
        from initiatives.models import Period

        match = PERIOD_NAME.match(period)
        if not match:
            raise CommandError(f'Halvåret skal skrives som "2. halvår 2025", ikke "{period}".')
        half, year = int(match[1]), int(match[2])
        try:
            period_obj = Period.objects.get(year=year, half=half)
        except Period.DoesNotExist:
            raise CommandError(f"Halvåret {period} findes ikke.") from None
        if period_obj.is_planned:
            # The command renders a file only; an open half-year is the caller's choice.
            raise CommandError(period_report_error(period=period_obj, confirm_open=True))
        with translation.override("da"):
            pdf, pages = render_pdf(build_snapshot(period=period_obj, audience=audience))
        output.write_bytes(pdf)
        self.stdout.write(f"{output}: {pages} sider, {len(pdf) // 1024} KB")
