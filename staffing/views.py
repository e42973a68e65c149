from __future__ import annotations

import datetime
import hashlib
import uuid
from decimal import Decimal

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.access import require_perm
from accounts.rules import is_staff_reader
from core.htmx import render_page_or_partial
from core.http import HtmxHttpRequest
from core.spreadsheets import XLSX
from staffing.charts import trend_svg
from staffing.forms import CompareForm, SnapshotImportForm
from staffing.models import StaffGroup, StaffingFigure, StaffingSnapshot
from staffing.services import staffing_snapshot_export, staffing_snapshot_import
from staffing.spreadsheets import parse_upload
from staffing.tables import (
    areas_with_services,
    build_table,
    compare_snapshots,
    compare_with_figures,
    join_danish,
    small_number_threshold,
    snapshot_table,
    snapshot_tables,
    table_display,
    trained_share_trend,
    user_suppression,
)
from strategy.models import Unit

PENDING_IMPORT = "staffing_pending_import"


def _get_snapshot(request: HttpRequest, pk: int, perm: str = "staffing.view_staffing"):
    require_perm(request, perm, target=f"staffing snapshot {pk}")
    return get_object_or_404(StaffingSnapshot.objects.select_related("created_by"), pk=pk)


def _is_committee_view(request: HttpRequest) -> bool:
    """Committee members see the staffing figures exactly as their reports print them."""
    return not is_staff_reader(request.user)


def _suppression(request: HttpRequest) -> Decimal | None:
    """The reader's threshold (staffing.tables.user_suppression); staff may ask for the
    committee's view."""
    if not _is_committee_view(request) and request.GET.get("smaa-tal") == "skjul":
        return small_number_threshold()
    return user_suppression(request.user)


@require_safe
def snapshot_list(request: HttpRequest) -> HttpResponse:
    require_perm(request, "staffing.view_staffing", target="staffing")
    snapshots = list(StaffingSnapshot.objects.with_totals().latest_first())
    threshold = user_suppression(request.user)
    hidden: dict[int, tuple[bool, bool]] = {}
    if threshold is not None and snapshots:
        # The overall total and trained figure as the reader's table for each snapshot shows them.
        for table in snapshot_tables(snapshots, suppress_up_to=threshold):
            if table.snapshot is not None:
                hidden[table.snapshot.pk] = (table.total_suppressed, table.trained_suppressed)
    for snapshot in snapshots:
        snapshot.total_hidden, snapshot.trained_hidden = hidden.get(snapshot.pk, (False, False))
    return render(request, "staffing/snapshot_list.html", {"snapshots": snapshots})


@require_safe
def snapshot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    snapshot = _get_snapshot(request, pk)
    suppress_below = _suppression(request)
    changes = list(
        StaffingFigure.history.filter(snapshot_id=snapshot.pk)
        .select_related("history_user", "area", "group")
        .order_by("-history_date", "-history_id")[:50]
    )
    return render(
        request,
        "staffing/snapshot_detail.html",
        {
            "snapshot": snapshot,
            "table": table_display(snapshot_table(snapshot, suppress_up_to=suppress_below)),
            "suppressing": suppress_below is not None,
            "committee_view": _is_committee_view(request),
            "threshold": small_number_threshold(),
            "changes": changes,
            # The history's raw figures and who changed them: only for readers who see the
            # exact table and staff names (committee members see neither anywhere).
            "exact_history": suppress_below is None,
            "show_names": request.user.has_perm("accounts.view_staff_names"),
        },
    )


TREND_SHOWN = 10


@require_safe
def trend(request: HttpRequest) -> HttpResponse:
    require_perm(request, "staffing.view_staffing", target="staffing trend")
    # The newest TREND_SHOWN counts (five years of half-yearly counts); all on request.
    show_all = request.GET.get("alle") == "1"
    points = trained_share_trend(
        latest=None if show_all else TREND_SHOWN, suppress_up_to=user_suppression(request.user)
    )
    count = len(points) if show_all else StaffingSnapshot.objects.count()
    return render(
        request,
        "staffing/trend.html",
        {
            "trend": points,
            "snapshot_count": count,
            "show_all": show_all,
            "areas": [s.area for s in points[0].by_area] if points else [],
            "chart": trend_svg(points, title=_("Andel faguddannede pr. opgørelse")),
        },
    )


@require_safe
def compare(request: HtmxHttpRequest) -> HttpResponse:
    require_perm(request, "staffing.view_staffing", target="staffing comparison")
    latest_two = list(StaffingSnapshot.objects.latest_first()[:2])
    status = 200
    comparison = None
    if len(latest_two) < 2:
        form = None
    else:
        data = (
            request.GET
            if "before" in request.GET
            else {
                "before": latest_two[1].pk,
                "after": latest_two[0].pk,
            }
        )
        form = CompareForm(data)
        if form.is_valid():
            comparison = compare_snapshots(
                form.cleaned_data["before"],
                form.cleaned_data["after"],
                suppress_up_to=user_suppression(request.user),
            )
        else:
            status = 400
    context = {"form": form, "comparison": comparison}
    return render_page_or_partial(
        request,
        page="staffing/compare.html",
        partial="staffing/_comparison.html",
        context=context,
        status=status,
    )


@require_safe
def snapshot_export(request: HttpRequest, pk: int) -> HttpResponse:
    snapshot = _get_snapshot(request, pk, "staffing.export_snapshot")
    content = staffing_snapshot_export(snapshot, user=request.user)
    response = HttpResponse(content, content_type=XLSX)
    filename = f"personale-{slugify(snapshot.label) or snapshot.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def snapshot_import(request: HttpRequest) -> HttpResponse:
    require_perm(request, "staffing.import_snapshot", target="staffing import")
    problems = []
    status = 200
    if request.method == "POST":
        form = SnapshotImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            parsed = parse_upload(upload)
            if parsed.ok:
                upload.seek(0)
                # Kept on the server: the preview shows it, the confirmation stores exactly it.
                # Its own id and the file's hash go with the confirm form: a preview replaced
                # by another upload (another tab) is refused, never stored in its place.
                request.session[PENDING_IMPORT] = {
                    "id": uuid.uuid4().hex,
                    "sha256": hashlib.sha256(upload.read()).hexdigest(),
                    "label": form.cleaned_data["label"],
                    "date": form.cleaned_data["date"].isoformat(),
                    "note": form.cleaned_data["note"],
                    "filename": form.cleaned_data["file"].name,
                    "shape": parsed.shape,
                    "figures": [[a, g, str(fte)] for (a, g), fte in parsed.figures.items()],
                    "file_totals": [[a, str(total)] for a, total in parsed.file_totals.items()],
                    "skipped": parsed.skipped,
                }
                return redirect("staffing:import_confirm")
            problems = [str(p) for p in parsed.problems]
        status = 422
    else:
        form = SnapshotImportForm()
    return render(
        request,
        "staffing/import.html",
        {"form": form, "problems": problems},
        status=status,
    )


def _pending_figures(pending: dict) -> dict[tuple[int, int], Decimal]:
    return {(a, g): Decimal(fte) for a, g, fte in pending["figures"]}


def _total_checks(pending: dict, table) -> list[dict]:
    """Each area's total as the file states it beside the sum of its figures (the figures are
    the data: a difference is shown and said, not refused)."""
    file_totals = {a: Decimal(total) for a, total in pending.get("file_totals", [])}
    sums = {column.area.pk: column.total for column in table.columns}
    names = dict(Unit.objects.filter(pk__in=file_totals).values_list("pk", "name"))
    return [
        {
            "area": names[area],
            "file_total": file_total,
            "sum": sums.get(area, Decimal(0)),
            "difference": sums.get(area, Decimal(0)) - file_total,
        }
        for area, file_total in file_totals.items()
        if area in names
    ]


@require_http_methods(["GET", "HEAD", "POST"])
def snapshot_import_confirm(request: HttpRequest) -> HttpResponse:
    require_perm(request, "staffing.import_snapshot", target="staffing import")
    pending = request.session.get(PENDING_IMPORT)
    if not pending:
        messages.info(request, _("Der er ingen import, der venter. Vælg en fil."))
        return redirect("staffing:import")
    figures = _pending_figures(pending)
    status = 200
    if request.method == "POST" and (
        request.POST.get("preview") != pending.get("id")
        or request.POST.get("sha256") != pending.get("sha256")
    ):
        messages.error(
            request,
            _(
                "Den forhåndsvisning, du bekræftede, er erstattet af en nyere upload (måske i en "
                "anden fane). Intet er gemt. Her er den nyeste: bekræft den, eller annullér."
            ),
        )
        status = 409
    elif request.method == "POST":
        if request.POST.get("action") == "cancel":
            del request.session[PENDING_IMPORT]
            messages.info(request, _("Importen er annulleret. Intet er gemt."))
            return redirect("staffing:import")
        try:
            snapshot = staffing_snapshot_import(
                label=pending["label"],
                date=datetime.date.fromisoformat(pending["date"]),
                note=pending["note"],
                figures=figures,
                filename=pending["filename"],
                shape=pending["shape"],
                user=request.user,
            )
        except IntegrityError:
            del request.session[PENDING_IMPORT]
            messages.error(
                request,
                _(
                    "Opgørelsen kunne ikke gemmes: der er oprettet en opgørelse med samme "
                    "betegnelse eller dato imens, eller et område eller en faggruppe er slettet. "
                    "Intet er gemt."
                ),
            )
            return redirect("staffing:import")
        del request.session[PENDING_IMPORT]
        saved = _("Opgørelsen %(label)s er gemt med %(count)d tal.") % {
            "label": snapshot.label,
            "count": len(figures),
        }
        differing = [c for c in _total_checks(pending, snapshot_table(snapshot)) if c["difference"]]
        if differing:
            saved += " " + _(
                "Filens totaler stemmer ikke med tallene for %(areas)s; totalerne er beregnet "
                "ud fra tallene."
            ) % {"areas": join_danish([c["area"] for c in differing])}
        messages.success(request, saved)
        return redirect(snapshot)
    date = datetime.date.fromisoformat(pending["date"])
    table = build_table(
        figures=figures,
        areas=areas_with_services(a for a, _g in figures),
        groups=list(StaffGroup.objects.all()),
    )
    checks = _total_checks(pending, table)
    previous = StaffingSnapshot.objects.filter(date__lt=date).order_by("-date").first()
    comparison = (
        compare_with_figures(
            previous,
            figures=figures,
            after=StaffingSnapshot(label=pending["label"], date=date),
        )
        if previous
        else None
    )
    return render(
        request,
        "staffing/import_confirm.html",
        {
            "pending": pending,
            "date": date,
            "table": table_display(table),
            "count": len(figures),
            "total_checks": checks,
            "totals_differ": any(c["difference"] for c in checks),
            "comparison": comparison,
            "jumps": comparison is not None
            and any(c.large_jump for row in comparison.rows for c in row.changes),
        },
        status=status,
    )
