"""The administrators' forms for people and units. Both check what the services check, so the
answer comes back on the field; the services refuse again whoever calls them."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import roles
from strategy.models import Unit
from strategy.services import unit_parent_check


def unit_label(unit: Unit) -> str:
    """A unit in a picker: its name and, to tell it apart, the unit it lies under."""
    return f"{unit.name} ({unit.parent.name})" if unit.parent_id else unit.name


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return unit_label(obj)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return unit_label(obj)


class PersonForm(forms.Form):
    first_name = forms.CharField(label=_("Fornavn"), max_length=150)
    last_name = forms.CharField(label=_("Efternavn"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Personens arbejdsmail. Den er også personens brugernavn ved login."),
    )
    role_names = forms.MultipleChoiceField(
        label=_("Roller"),
        choices=[(name, name) for name in roles.ALL],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    led_units = UnitMultipleChoiceField(
        label=_("Leder af"),
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("De enheder, personen er leder af. En leder skal have rollen Leder."),
    )
    is_active = forms.BooleanField(
        label=_("Aktiv"),
        required=False,
        initial=True,
        help_text=_("En deaktiveret person kan ikke logge ind."),
    )

    def __init__(self, *args, person=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["led_units"].queryset = Unit.objects.active().select_related("parent")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        others = get_user_model().objects.filter(email__iexact=email)
        if self.person is not None:
            others = others.exclude(pk=self.person.pk)
        if others.exists():
            raise ValidationError(
                _("Der findes allerede en person med e-mailadressen %(email)s."),
                params={"email": email},
            )
        return email


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=Unit.Kind.choices)
    parent = UnitChoiceField(
        label=_("Overordnet enhed"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("(ingen – øverst i organisationen)"),
    )
    order = forms.IntegerField(
        label=_("Rækkefølge"),
        min_value=0,
        max_value=32767,
        initial=0,
        help_text=_("Enheder med samme overordnede enhed vises efter dette tal."),
    )

    def __init__(self, *args, unit: Unit | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["parent"].queryset = Unit.objects.active().select_related("parent")

    def clean_parent(self) -> Unit | None:
        parent = self.cleaned_data["parent"]
        unit_parent_check(self.unit, parent)  # a ValidationError lands on the field
        return parent
