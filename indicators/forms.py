from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.models import COMMENT_MAX
from initiatives.models import NO_CITIZEN_DATA, Period


class MeasurementForm(forms.Form):
    """A value for one indicator in one half-year. The value is text so that a Danish decimal
    comma is accepted (indicators.services.parse_value reads it); `version` is the version the
    user started from, `period` the half-year the form was opened for and `covers_end` the end of
    the period (quarter, year, half-year) the value covers."""

    value = forms.CharField(
        label=_("Værdi"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"required": _("Skriv en værdi, fx 12,5.")},
    )
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=COMMENT_MAX,
        help_text=NO_CITIZEN_DATA,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": COMMENT_MAX}),
    )
    version = forms.IntegerField(min_value=0, max_value=2**31 - 1, widget=forms.HiddenInput)
    period = forms.ModelChoiceField(queryset=Period.objects.all(), widget=forms.HiddenInput)
    # The last day of the quarter, year or half-year the value covers (indicators.periods);
    # without it, the one such period in `period`. The service checks it.
    covers_end = forms.DateField(
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("Perioden skal angives som en dato, fx 2026-03-31.")},
    )

    auto_id: str  # always "<prefix_id>-%s" (see __init__)

    def __init__(self, *args, prefix_id: str = "measurement", **kwargs):
        kwargs.setdefault("auto_id", f"{prefix_id}-%s")
        super().__init__(*args, **kwargs)


class TargetForm(forms.Form):
    value = forms.CharField(
        label=_("Måltal"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"required": _("Skriv måltallet, fx 70.")},
    )
    date = forms.DateField(
        label=_("Nås senest"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Skriv datoen, måltallet skal være nået."),
            "invalid": _("Skriv datoen som fx 2027-12-31."),
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "target-%s")
        super().__init__(*args, **kwargs)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fil (.xlsx eller .csv)"),
        error_messages={"required": _("Vælg en fil."), "empty": _("Filen er tom.")},
    )
