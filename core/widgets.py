"""Form widgets shared by the apps."""

from __future__ import annotations

from html import escape
from typing import cast

from django import forms
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict) -> SafeString:
    """As django/forms/widgets/attrs.html: in the given order, True as a bare name, False left
    out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class PlainSelect(forms.Select):
    """A <select> whose options are written in Python instead of one template per option.

    The same markup as Django's Select, for the filter forms whose option lists grow with the
    data (an option per unit); rendering a template for each option was the initiative list's
    largest single cost at 200 units.
    """

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        # As Select.get_context/optgroups/create_option, without a dict per option: at 200
        # units the per-option dicts and format_html calls were most of the initiative list's
        # extra time at stress scale. The first choice whose value is chosen is selected.
        chosen = set(self.format_value(value))
        has_selected = False
        parts: list[str] = [
            format_html('<select name="{}"{}>', name, _attrs(self.build_attrs(self.attrs, attrs)))
        ]
        for option_value, option_label in self.choices:
            if option_value is None:
                option_value = ""
            group = isinstance(option_label, list | tuple)
            if group:
                parts.append(f'<optgroup label="{conditional_escape(option_value)}">')
            pairs = cast(list, option_label) if group else [(option_value, option_label)]
            for sub_value, sub_label in pairs:
                text = str(sub_value)
                selected = (not has_selected or self.allow_multiple_selected) and text in chosen
                has_selected |= selected
                parts.append(
                    f'<option value="{escape(text)}"{" selected" if selected else ""}>'
                    f"{conditional_escape(str(sub_label))}</option>"
                )
            if group:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above
