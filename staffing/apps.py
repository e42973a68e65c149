from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffingConfig(AppConfig):
    name = "staffing"
    verbose_name = _("Personale")
    # Tables whose changes move the data stamp (core.change_stamp).
    stamped_tables = ("staffing_staffgroup", "staffing_staffingsnapshot", "staffing_staffingfigure")
