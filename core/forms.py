"""How every form renders: with the project's templates, and each field group
(`{{ form.x.as_field_group }}`) through the one field template, `includes/field.html`."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    field_template_name = "includes/field.html"


BLANK_CHOICE_LABEL = "---------"  # Django's BLANK_CHOICE_DASH


def name_empty_choices(form) -> None:
    """Replace Django's "---------" empty choice in every select of `form` with "Vælg …"
    naming the field ("Vælg fokusområde …"), so the empty choice says what it asks for."""
    from django import forms
    from django.utils.translation import gettext as _

    for field in form.fields.values():
        prompt = _("Vælg %(field)s …") % {"field": str(field.label or "").lower()}
        if isinstance(field, forms.ModelChoiceField) and not isinstance(
            field, forms.ModelMultipleChoiceField
        ):
            if field.empty_label == BLANK_CHOICE_LABEL:
                field.empty_label = prompt
        elif isinstance(field, forms.ChoiceField):
            choices = list(field.choices)
            if choices and choices[0] == ("", BLANK_CHOICE_LABEL):
                field.choices = [("", prompt), *choices[1:]]
