from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.models import NO_CITIZEN_DATA, STATUS_TEXT_MAX, Initiative, Period, TrafficLight


def _text_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=STATUS_TEXT_MAX,
        help_text=NO_CITIZEN_DATA,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": STATUS_TEXT_MAX}),
        error_messages={
            "max_length": _(
                "Teksten må højst være %(limit_value)d tegn (den er %(show_value)d tegn)."
            )
        },
    )


class StatusUpdateForm(forms.Form):
    """The status of one initiative for one half-year. `version` is the version the user
    started from; `period` the half-year the form was opened for."""

    traffic_light = forms.ChoiceField(
        label=_("Trafiklys"),
        choices=TrafficLight.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vælg et trafiklys: Planmæssigt, Risiko eller Forsinket."),
            "invalid_choice": _("Vælg et trafiklys: Planmæssigt, Risiko eller Forsinket."),
        },
    )
    progress = forms.IntegerField(
        label=_("Fremdrift i procent"),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1, "inputmode": "numeric"}),
        error_messages={
            "required": _("Angiv fremdriften som et tal fra 0 til 100."),
            "invalid": _("Angiv fremdriften som et helt tal fra 0 til 100."),
            "min_value": _("Fremdriften kan ikke være under 0 %%."),
            "max_value": _("Fremdriften kan højst være 100 %%."),
        },
    )
    lifecycle_status = forms.ChoiceField(
        label=_("Status for tiltaget"),
        choices=Initiative.Lifecycle.choices,
        error_messages={"required": _("Vælg tiltagets status.")},
    )
    status_text = _text_field(_("Status"))
    next_steps = _text_field(_("Næste skridt"))
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    period = forms.ModelChoiceField(queryset=Period.objects.all(), widget=forms.HiddenInput)

    def __init__(self, *args, prefix_id: str = "status", **kwargs):
        super().__init__(*args, **kwargs)
        # Several forms can be open on one page (one per row): give every id a unique prefix.
        if prefix_id:
            self.auto_id = f"{prefix_id}-%s"
        self._describe()

    def full_clean(self) -> None:
        super().full_clean()
        self._describe()

    def _describe(self) -> None:
        """Point each input at its hint and its error message, for screen readers."""
        for name, field in self.fields.items():
            html_id = self.auto_id % name
            ids = [f"{html_id}-hint"] if field.help_text else []
            if self.is_bound and hasattr(self, "_errors") and self._errors and name in self._errors:
                ids.append(f"{html_id}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)


class PeriodCreateForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2020, max_value=2100)
    half = forms.TypedChoiceField(
        label=_("Halvår"), choices=Period.Half.choices, coerce=int, widget=forms.RadioSelect
    )
    deadline = forms.DateField(
        label=_("Frist for opdatering"), widget=forms.DateInput(attrs={"type": "date"})
    )


class DeadlineForm(forms.Form):
    deadline = forms.DateField(label=_("Ny frist"), widget=forms.DateInput(attrs={"type": "date"}))
