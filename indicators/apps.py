from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indikatorer")
    # Tables whose changes move the data stamp (core.change_stamp).
    stamped_tables = (
        "indicators_indicator",
        "indicators_indicator_objectives",
        "indicators_target",
        "indicators_measurement",
    )
