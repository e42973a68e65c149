from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapporter")

    def ready(self) -> None:
        from reports import tasks  # noqa: F401  (registers the tasks services enqueue by name)
