from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Brugere og sikkerhed")

    def ready(self) -> None:
        from accounts import (
            signals,  # noqa: F401  (connects the security audit receivers)
            tasks,  # noqa: F401  (registers the tasks mail_enqueue sends by name)
        )
