from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative
from reports.services import COMMENT_MAX


class CorrectionForm(forms.Form):
    """The answer to a sent-back report: which of its initiatives are to be corrected, by
    when, and the reply to OMU."""

    initiatives = forms.ModelMultipleChoiceField(
        label=_("Tiltag, der skal rettes"),
        queryset=Initiative.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Vælg mindst ét tiltag, der skal rettes."),
            "invalid_choice": _("Vælg kun tiltag, der er med i rapporten."),
            "invalid_pk_value": _("Vælg kun tiltag, der er med i rapporten."),
        },
    )
    deadline = forms.DateField(
        label=_("Frist for rettelsen"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Angiv en frist."),
            "invalid": _("Angiv fristen som en dato."),
        },
    )
    reply = forms.CharField(
        label=_("Svar til OMU"),
        help_text=_("Står i rapportens næste version sammen med OMU's kommentar."),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Skriv et svar til OMU."),
            "max_length": _("Svaret må højst være %(limit_value)d tegn."),
        },
    )

    def __init__(self, *args, initiatives: list[Initiative], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["initiatives"]
        field.queryset = Initiative.objects.filter(pk__in=[i.pk for i in initiatives])
        # In the report's order.
        field.choices = [(i.pk, i.title) for i in initiatives]
