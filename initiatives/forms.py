from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.changes import person_name
from core.forms import name_empty_choices
from initiatives.models import (
    ARCHIVE_REASON_MAX,
    CONTRIBUTION_TEXT_MAX,
    DEADLINE_DAYS_AFTER_END,
    NO_CITIZEN_DATA,
    STATUS_TEXT_MAX,
    Initiative,
    Period,
    TrafficLight,
)
from initiatives.services import REOPEN_REASON_MAX

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _text_field(label: StrOrPromise) -> forms.CharField:
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
        # Several forms can be open on one page (one per row): give every id a unique prefix.
        kwargs["auto_id"] = f"{prefix_id}-%s" if prefix_id else "id_%s"
        super().__init__(*args, **kwargs)


DEADLINE_HELP = _(
    "Fristen skal ligge i halvåret eller højst %(days)s dage efter dets afslutning."
) % {"days": DEADLINE_DAYS_AFTER_END}


def _deadline_field(label: StrOrPromise) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=DEADLINE_HELP,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Angiv en frist."),
            "invalid": _("Angiv fristen som en dato."),
        },
    )


class PeriodCreateForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2020, max_value=2100)
    half = forms.TypedChoiceField(
        label=_("Halvår"), choices=Period.Half.choices, coerce=int, widget=forms.RadioSelect
    )
    deadline = _deadline_field(_("Frist for opdatering"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if {"year", "half", "deadline"} <= data.keys():
            start, end = Period.dates_for(data["year"], data["half"])
            error = Period(start=start, end=end).deadline_error(data["deadline"])
            if error:
                self.add_error("deadline", error)
        return data


class DeadlineForm(forms.Form):
    """A new deadline for `period` (the open half-year)."""

    deadline = _deadline_field(_("Ny frist"))

    def __init__(self, *args, period: Period | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        error = self.period.deadline_error(deadline) if self.period else None
        if error:
            raise forms.ValidationError(error)
        return deadline


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse for at genåbne"),
        max_length=REOPEN_REASON_MAX,
        help_text=_(
            "Et lukket halvår genåbnes kun undtagelsesvis. Begrundelsen gemmes i "
            "sikkerhedsloggen og i halvårets historik."
        ),
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": REOPEN_REASON_MAX}),
        error_messages={
            "required": _("Skriv en begrundelse for at genåbne halvåret."),
            "max_length": _("Begrundelsen må højst være %(limit_value)d tegn."),
        },
    )


class ArchiveForm(forms.Form):
    """The reason for archiving an initiative, or for taking it out of the archive again."""

    reason = forms.CharField(
        label=_("Begrundelse (påkrævet)"),
        max_length=ARCHIVE_REASON_MAX,
        help_text=_(
            "Kort: hvorfor. Begrundelsen står på tiltagets side og i dets historik. "
            "Skriv ikke personoplysninger om borgere."
        ),
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": ARCHIVE_REASON_MAX}),
        error_messages={
            "required": _("Skriv en kort begrundelse."),
            "max_length": _("Begrundelsen må højst være %(limit_value)d tegn."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="archive-%s", **kwargs)


class ContributionForm(forms.Form):
    """A participating unit's contribution to the half-year's status."""

    text = forms.CharField(
        label=_("Jeres bidrag til halvårets status"),
        max_length=CONTRIBUTION_TEXT_MAX,
        help_text=NO_CITIZEN_DATA,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": CONTRIBUTION_TEXT_MAX}),
        error_messages={
            "required": _("Skriv jeres bidrag."),
            "max_length": _("Bidraget må højst være %(limit_value)d tegn."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.auto_id = "contribution-%s"


# The plan's editing pages: administrators edit every field, leaders responsible for an
# initiative its description, planned dates and conditions.
PLAN_FIELDS_FOR_LEADERS = [
    "description",
    "start_year",
    "start_quarter",
    "end_year",
    "end_quarter",
    "conditions",
]
PLAN_FIELDS = [
    "title",
    "description",
    "objectives",
    "focus_area",
    "responsible_unit",
    "units",
    "responsible_leader",
    "parent",
    "start_year",
    "start_quarter",
    "end_year",
    "end_quarter",
    "timing_note",
    "lifecycle_status",
    "conditions",
    "source",
    "source_document",
]


class InitiativeForm(forms.ModelForm):
    """One initiative of the plan. `fields` narrows it (leaders); `version` is the version the
    user started from (optimistic locking, as for status)."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    class Meta:
        model = Initiative
        fields = PLAN_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "conditions": forms.Textarea(attrs={"rows": 2}),
            "objectives": forms.CheckboxSelectMultiple,
            "units": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "title": {"required": _("Skriv en titel.")},
            "responsible_unit": {"required": _("Vælg den ansvarlige enhed.")},
        }

    def __init__(self, *args, fields: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.auto_id = "plan-%s"
        if fields is not None:
            for name in list(self.fields):
                if name not in fields and name != "version":
                    del self.fields[name]
        if "responsible_unit" in self.fields:
            self.fields["responsible_unit"].required = True
        if "objectives" in self.fields:
            # A målsætning's name carries its pejlemærke's number: read them together.
            # (The form field of a model's relation always has a queryset.)
            objectives = cast(forms.ModelMultipleChoiceField, self.fields["objectives"])
            objectives.queryset = cast(QuerySet, objectives.queryset).select_related("theme")
        if "responsible_leader" in self.fields:
            from accounts import roles

            # A tovholder is a leader (the Leder role), chosen among active users; the one named
            # now stays a choice even if no longer (a form saved unchanged must not fail).
            field = cast(forms.ModelChoiceField, self.fields["responsible_leader"])
            field.queryset = (
                cast(QuerySet, field.queryset)
                .filter(
                    Q(is_active=True, groups__name=roles.LEADER)
                    | Q(pk=self.instance.responsible_leader_id)
                )
                .distinct()
                .order_by("first_name", "last_name", "username")
            )
            # Django's documented way to label one field's choices; the stubs see a method.
            field.label_from_instance = person_name  # type: ignore[method-assign,assignment]
            field.empty_label = _("Ingen tovholder")
        if "parent" in self.fields and self.instance.pk:
            parent = cast(forms.ModelChoiceField, self.fields["parent"])
            parent.queryset = Initiative.objects.exclude(pk=self.instance.pk)
        for year in ("start_year", "end_year"):
            if year in self.fields:
                self.fields[year].widget.attrs.update({"min": 2020, "max": 2100})
        name_empty_choices(self)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for field, message in self.instance.plan_errors().items():
            if field in self.fields:
                self.add_error(field, message)
            else:
                self.add_error(None, message)
        units = data.get("units")
        responsible = data.get("responsible_unit")
        if units is not None and responsible is not None and responsible in units:
            self.add_error(
                "units",
                _("Den ansvarlige enhed er ikke også deltager. Fjern den fra deltagerne."),
            )
        return data
