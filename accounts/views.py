from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.access import require_perm
from accounts.filters import AuditEventFilter
from accounts.models import AuditEvent

AUDIT_LOG_PAGE_SIZE = 50


@require_safe
def audit_log(request: HttpRequest) -> HttpResponse:
    """Sikkerhedslog: the append-only audit rows, newest first, for administrators."""
    require_perm(request, "accounts.view_audit_log", target="sikkerhedslog")
    filterset = AuditEventFilter(
        request.GET, queryset=AuditEvent.objects.select_related("user").order_by("-created_at")
    )
    page = Paginator(filterset.qs, AUDIT_LOG_PAGE_SIZE).get_page(request.GET.get("side"))
    return render(request, "accounts/audit_log.html", {"filter": filterset, "page": page})
