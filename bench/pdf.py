"""Time and peak memory of one half-year report, in a process of its own.

`build_snapshot()` (the queries) and `render_pdf()` (WeasyPrint, PDF/UA-1) are timed apart; the
peak memory is this process's maximum resident set size (getrusage), Django included, so it is
what a Celery worker rendering the report needs. The period is the last closed half-year.

Run as `python -m bench.pdf --audience leaders` with DATABASE_URL set; prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time


def measure_report(audience: str) -> dict:
    from initiatives.models import Initiative, Period
    from reports.documents import build_snapshot, render_pdf

    period = Period.objects.latest_closed()
    # A worker imports WeasyPrint once, with its first report; that is timed apart.
    before_import = time.perf_counter()
    import weasyprint  # noqa: F401

    started = time.perf_counter()
    snapshot = build_snapshot(period=period, audience=audience)
    built = time.perf_counter()
    pdf, pages = render_pdf(snapshot)
    rendered = time.perf_counter()
    return {
        "audience": audience,
        "period": period.name,
        "initiatives": Initiative.objects.count(),
        "import_s": round(started - before_import, 2),
        "build_s": round(built - started, 2),
        "render_s": round(rendered - built, 2),
        "total_s": round(rendered - started, 2),
        "pages": pages,
        "pdf_kb": round(len(pdf) / 1024),
        # ru_maxrss is in kilobytes on Linux.
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
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
