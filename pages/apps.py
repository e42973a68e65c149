from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The pages that put the apps together: the overview, a pejlemærke's and a målsætning's
    page, the accessibility statement, the health check and the error pages. The only app that
    may import from all the others; none imports from it."""

    name = "pages"
    verbose_name = _("Sider")
