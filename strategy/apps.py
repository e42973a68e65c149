from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "strategy"
    verbose_name = _("Strategi og organisation")

    def ready(self) -> None:
        from strategy import signals  # noqa: F401  (connects the security audit receivers)
