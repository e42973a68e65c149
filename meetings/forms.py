from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts import roles
from initiatives.models import Initiative, Period
from meetings.models import AgendaItem, Meeting, MeetingKind
from strategy.models import Unit

NO_CITIZENS = _("Skriv ikke personoplysninger om borgere.")


def people_with_a_role():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=roles.ALL)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "title", "period", "date", "start_time", "end_time", "place"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
        }
        help_texts = {
            "period": _("Med et halvår foreslår appen dagsordenen ud fra halvårets data."),
            "place": NO_CITIZENS,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "period" in self.fields:  # not on the edit form
            self.fields["period"].queryset = Period.objects.order_by("-year", "-half")

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("Mødet skal slutte efter, det begynder."))
        return data


class MeetingEditForm(MeetingForm):
    participants = PersonChoiceField(
        label=_("Deltagere"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta(MeetingForm.Meta):
        fields = ["title", "date", "start_time", "end_time", "place"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = people_with_a_role()


class PointForm(forms.Form):
    title = forms.CharField(label=_("Overskrift"), max_length=300)
    description = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_CITIZENS,
    )


class MinutesForm(forms.Form):
    note = forms.CharField(
        label=_("Referat af punktet"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=NO_CITIZENS,
    )


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=_("Beslutning"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    decided_on = forms.DateField(label=_("Dato"), widget=forms.DateInput(attrs={"type": "date"}))
    initiatives = forms.ModelMultipleChoiceField(
        label=_("Tiltag, beslutningen gælder"),
        queryset=Initiative.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    follow_up_initiative = forms.ModelChoiceField(
        label=_("Opfølgning på tiltaget"),
        queryset=Initiative.objects.none(),
        required=False,
        help_text=_("Udfyld de fire opfølgningsfelter, hvis beslutningen kræver opfølgning."),
    )
    follow_up_unit = forms.ModelChoiceField(
        label=_("Ansvarlig enhed"), queryset=Unit.objects.order_by("order", "name"), required=False
    )
    follow_up_due_on = forms.DateField(
        label=_("Frist for opfølgningen"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    follow_up_text = forms.CharField(
        label=_("Hvad skal følges op"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        initiatives = Initiative.objects.order_by("title").only("id", "title")
        self.fields["initiatives"].queryset = initiatives
        self.fields["follow_up_initiative"].queryset = initiatives

    def clean(self):
        data = super().clean()
        parts = ["follow_up_initiative", "follow_up_unit", "follow_up_due_on", "follow_up_text"]
        if any(data.get(name) for name in parts):
            if not data.get("follow_up_initiative"):
                self.add_error("follow_up_initiative", _("Vælg det tiltag, opfølgningen gælder."))
            if not data.get("follow_up_unit"):
                self.add_error(
                    "follow_up_unit", _("Vælg den enhed, der er ansvarlig for opfølgningen.")
                )
            if not data.get("follow_up_due_on"):
                self.add_error("follow_up_due_on", _("Angiv en frist for opfølgningen."))
            if not data.get("follow_up_text"):
                self.add_error("follow_up_text", _("Skriv, hvad opfølgningen går ud på."))
        return data

    def follow_up(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("follow_up_initiative"):
            return None
        return {
            "initiative": data["follow_up_initiative"],
            "unit": data["follow_up_unit"],
            "due_on": data["follow_up_due_on"],
            "text": data["follow_up_text"],
        }


class AbsenteesForm(forms.Form):
    absentees = PersonChoiceField(
        label=_("Fraværende"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["absentees"].queryset = meeting.participants.order_by(  # type: ignore[attr-defined]
            "first_name", "last_name", "username"
        )


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "case_route",
            "account",
            "context",
            "economy",
            "legal_basis",
            "recommendation",
        ]
        widgets = {
            "account": forms.Textarea(attrs={"rows": 16}),
            "context": forms.Textarea(attrs={"rows": 3}),
            "economy": forms.Textarea(attrs={"rows": 2}),
            "recommendation": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "account": _(
                "Afsnit adskilles af en tom linje; linjer, der begynder med “- ”, bliver en "
                "punktopstilling. Skriv ikke personoplysninger om borgere."
            ),
        }


class ReportDecisionForm(forms.Form):
    committee = forms.CharField(label=_("Udvalg"), max_length=200)
    decided_on = forms.DateField(label=_("Dato"), widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(
        label=_("Beslutning"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    absent = forms.CharField(
        label=_("Fraværende"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Én person pr. linje, fx “Tina Nicolajsen (FOA)”."),
    )


class DecisionFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Mødetype"), required=False, choices=[("", _("Alle")), *MeetingKind.choices]
    )
    q = forms.CharField(label=_("Søg i beslutninger"), required=False, max_length=100)
    date_from = forms.DateField(
        label=_("Fra dato"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Til dato"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
