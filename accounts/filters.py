from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.models import AuditEvent


class AuditEventFilter(django_filters.FilterSet):
    """The security log's filters: kind of event and (part of) a user name."""

    kind = django_filters.ChoiceFilter(
        label=_("Hændelse"), choices=AuditEvent.Kind.choices, empty_label=_("Alle hændelser")
    )
    username = django_filters.CharFilter(label=_("Brugernavn"), lookup_expr="icontains")

    class Meta:
        model = AuditEvent
        fields = ["kind", "username"]
