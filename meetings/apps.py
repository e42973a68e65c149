from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Møder og beslutninger")

    def ready(self) -> None:
        from meetings import slots, tasks  # noqa: F401  (fills the lower apps' slots; tasks)

        slots.connect()
