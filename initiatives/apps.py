from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Udviklingstiltag")
    # Tables whose changes move the data stamp (core.change_stamp).
    stamped_tables = (
        "initiatives_focusarea",
        "initiatives_period",
        "initiatives_initiative",
        "initiatives_initiative_objectives",
        "initiatives_initiative_units",
        "initiatives_statusupdate",
        "initiatives_contribution",
    )
