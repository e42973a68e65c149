"""How every form renders: with the project's templates, and each field group
(`{{ form.x.as_field_group }}`) through the one field template, `includes/field.html`."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    field_template_name = "includes/field.html"
