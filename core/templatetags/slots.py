from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from core.slots import fill

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context, name: str, **kwargs) -> SafeString:
    """The HTML the apps above put in this slot (nothing when none does). Each function gets
    the request and the keyword arguments and returns HTML (escaped here unless marked safe)."""
    parts = fill(name, request=context.get("request"), **kwargs)
    return mark_safe("".join(str(conditional_escape(part)) for part in parts if part))  # noqa: S308
