"""Time, stages and peak memory of one half-year report, in a process of its own.

The report is made as a worker makes it: `build_snapshot()` (the queries), then `render_pdf()`,
which times its own stages: the HTML (Django's templates), WeasyPrint's layout, its PDF
writing, and the PDF/UA post-processing (pikepdf). The anchor is then measured in the same
process on the same HTML: raw WeasyPrint, `HTML(...).write_pdf()` with no snapshot, no PDF/UA
variant and no post-processing, so the report's total can be read as a multiple of what
WeasyPrint alone needs for that document on this machine at this moment.

Both are preceded by one small warm-up document, so neither pays WeasyPrint's first-use costs
(the font configuration, the report's stylesheet and fonts) for the other. The import of WeasyPrint,
which a worker pays once, is timed apart. The peak memory is this process's maximum resident
set size (getrusage) after the report, before the anchor: Django included, so it is what a
Celery worker rendering the report needs. The period is the last closed half-year.

Run as `python -m bench.pdf --audience leaders` with DATABASE_URL set; prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time

# The report's stylesheet (and so its fonts), on one page.
WARM_UP = (
    '<html lang="da"><head><link rel="stylesheet" href="static/css/report.css"></head>'
    "<body><h1>Opvarmning</h1><table><tr><th>a</th><td>1</td></tr></table></body></html>"
)


def measure_report(audience: str) -> dict:
    from initiatives.models import Initiative, Period
    from reports.documents import build_snapshot, render_html, render_pdf, weasyprint_html

    period = Period.objects.latest_closed()
    before_import = time.perf_counter()
    import weasyprint  # noqa: F401

    imported = time.perf_counter()
    weasyprint_html(WARM_UP).write_pdf()
    started = time.perf_counter()
    snapshot = build_snapshot(period=period, audience=audience)
    built = time.perf_counter()
    stages: dict[str, float] = {}
    pdf, pages = render_pdf(snapshot, timings=stages)
    rendered = time.perf_counter()
    # ru_maxrss is in kilobytes on Linux.
    peak_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    html = render_html(snapshot)
    raw_started = time.perf_counter()
    weasyprint_html(html).write_pdf()
    raw_s = time.perf_counter() - raw_started
    total = rendered - started
    seconds = {"snapshot": built - started, **stages}
    return {
        "audience": audience,
        "period": period.name,
        "initiatives": Initiative.objects.count(),
        "import_s": round(imported - before_import, 2),
        "build_s": round(built - started, 2),
        "render_s": round(rendered - built, 2),
        "total_s": round(total, 2),
        "raw_weasyprint_s": round(raw_s, 2),
        "stages_s": {name: round(value, 3) for name, value in seconds.items()},
        # Shares of the total, in per cent; they add up to 100 but for rounding.
        "stages_pct": {name: round(100 * value / total, 1) for name, value in seconds.items()},
        "pages": pages,
        "pdf_kb": round(len(pdf) / 1024),
        "peak_mb": peak_mb,
    }


def main(argv: list[str] | None = None) -> int:
    import django

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--audience", default="leaders", choices=["omu", "leaders", "committee"])
    args = parser.parse_args(argv)
    django.setup()
    print(json.dumps(measure_report(args.audience)))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialomraade.settings")
    sys.exit(main())
