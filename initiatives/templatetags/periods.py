"""The one half-year picker: a <select> of the half-years the user may read
(`Period.objects.visible_to`), newest first, the open one marked."""

from django import template

from initiatives.models import Period

register = template.Library()


@register.inclusion_tag("includes/_period_select.html", takes_context=True)
def period_select(context, selected, name: str = "halvaar", field_id: str = "id_halvaar") -> dict:
    periods = Period.objects.visible_to(context["request"].user).order_by("-year", "-half")
    return {"periods": periods, "selected": selected, "name": name, "field_id": field_id}
