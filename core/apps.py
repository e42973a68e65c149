from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared infrastructure every app may use and none owns: the data stamp, the row and
    admin guards that freeze closed data, the Danish number and text formatting, the widgets,
    the spreadsheet helpers and the htmx helper. It imports from no app."""

    name = "core"
    verbose_name = _("Fælles")
