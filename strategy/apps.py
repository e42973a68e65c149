from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "strategy"
    verbose_name = _("Strategi og organisation")
    # Tables whose changes move the data stamp (core.change_stamp), which this app owns.
    stamped_tables = (
        "strategy_strategy",
        "strategy_theme",
        "strategy_objective",
        "strategy_keyword",
        "strategy_themefocus",
        "strategy_unit",
        "strategy_unit_leaders",
    )

    def ready(self) -> None:
        from strategy import signals  # noqa: F401  (audits changes to who leads a unit)

        post_migrate.connect(_ensure_stamp_triggers, sender=self)


def _ensure_stamp_triggers(sender, using: str = "default", **kwargs) -> None:
    from core.change_stamp import ensure_triggers
    from strategy.tree_guard import ensure_unit_tree_guard

    ensure_triggers(using)
    ensure_unit_tree_guard(using)
