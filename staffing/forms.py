from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.formatting import number
from core.widgets import PlainSelect
from staffing.models import StaffingSnapshot
from staffing.spreadsheets import MAX_UPLOAD_BYTES


class SnapshotImportForm(forms.Form):
    file = forms.FileField(
        label=_("Regneark (.xlsx eller .csv)"),
        help_text=_(
            "Enten Bilag 2's form (faggrupper i rækker, områder i kolonner) eller en lang liste "
            "med kolonnerne Område, Faggruppe og Fuldtidspersoner. Højst 2 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    label = forms.CharField(label=_("Betegnelse"), max_length=100, help_text=_("Fx ”marts 2025”."))
    date = forms.DateField(
        label=_("Opgjort pr."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kilde og forbehold. Skriv ikke personoplysninger om borgere."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Filen fylder %(size)s; den må højst fylde 2 MB."),
                params={"size": f"{number(upload.size / 1_000_000, 1)} MB"},
            )
        return upload

    def clean_label(self):
        label = self.cleaned_data["label"].strip()
        if StaffingSnapshot.objects.filter(label__iexact=label).exists():
            raise forms.ValidationError(_("Der findes allerede en opgørelse med den betegnelse."))
        return label

    def clean_date(self):
        date = self.cleaned_data["date"]
        if StaffingSnapshot.objects.filter(date=date).exists():
            raise forms.ValidationError(_("Der findes allerede en opgørelse pr. den dato."))
        return date


# Django's Danish catalogue lacks this message, so it would show in English.
CHOICE_ERRORS = {
    "invalid_choice": _("Vælg en af opgørelserne på listen."),
    "required": _("Vælg en opgørelse."),
}


class CompareForm(forms.Form):
    before = forms.ModelChoiceField(
        queryset=StaffingSnapshot.objects.latest_first(),
        label=_("Fra opgørelse"),
        empty_label=None,
        error_messages=CHOICE_ERRORS,
        widget=PlainSelect,
    )
    after = forms.ModelChoiceField(
        queryset=StaffingSnapshot.objects.latest_first(),
        label=_("Til opgørelse"),
        empty_label=None,
        error_messages=CHOICE_ERRORS,
        widget=PlainSelect,
    )

    def clean(self):
        data = super().clean()
        if data.get("before") and data.get("before") == data.get("after"):
            raise forms.ValidationError(_("Vælg to forskellige opgørelser."))
        return data
