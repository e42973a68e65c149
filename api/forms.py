import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api.models import ApiToken

MAX_DAYS = 366


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Navn"),
        max_length=100,
        help_text=_("Hvem eller hvad nøglen er til, fx ”Power BI, økonomiafdelingen”."),
    )
    scope = forms.ChoiceField(label=_("Adgang"), choices=ApiToken.Scope.choices)
    expires_on = forms.DateField(
        label=_("Udløber"),
        help_text=_("Højst et år frem."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_expires_on(self) -> datetime.date:
        value = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if value <= today:
            raise forms.ValidationError(_("Udløbsdatoen skal ligge efter i dag."))
        if value > today + datetime.timedelta(days=MAX_DAYS):
            raise forms.ValidationError(_("En nøgle kan højst gælde et år."))
        return value
