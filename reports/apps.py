from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapporter")
    # Tables whose changes move the data stamp (core.change_stamp).
    stamped_tables = ("reports_report",)

    def ready(self) -> None:
        from reports import tasks  # noqa: F401  (registers the tasks services enqueue by name)
