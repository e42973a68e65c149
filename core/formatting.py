"""The one number formatter of the project: Danish format, rounded half up at the last step.

Every figure a reader sees goes through `number()` or `percent()`: templates (the `number`
and `percent` filters in strategy/templatetags/numbers.py), the PDF snapshot, chart labels
and spreadsheet labels. `round_half_up()` is the rounding they share, for values that stay
numbers (spreadsheet cells, JSON). Numbers inside SVG, CSS and HTML attributes are never
localised: they use `plain_number()`.

Django's own `floatformat` and `number_format(value, decimal_pos)` are not used: the latter
cuts decimals instead of rounding (11,629… became "11,62" in the PDF).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
MINUS = "−"  # U+2212, for signed changes: "−0,50"


def _decimal(value: Decimal | float | int | str) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        # repr gives the shortest decimal that reads back as the float: 2.675 -> "2.675",
        # so 2.675 rounds to 2,68 as a reader expects, not to 2,67 as binary would.
        return Decimal(repr(value))
    return Decimal(value)


def round_half_up(value: Decimal | float | int, places: int = 2) -> Decimal:
    """The value rounded half away from zero to `places` decimals, as a Decimal."""
    quantum = Decimal(1).scaleb(-places)
    return _decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def number(value: Decimal | float | int | None, places: int = 2, *, empty: str = "–") -> str:
    """11.6283… -> "11,63"; 1234.5 -> "1.234,50"; 44.5 with 0 places -> "45"; None -> "–"."""
    if value is None or value == "":
        return empty
    try:
        rounded = round_half_up(value, places)
    except (InvalidOperation, ValueError, TypeError):
        return empty
    if rounded == 0:
        rounded = abs(rounded)  # never "-0,00"
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = THOUSAND_SEPARATOR.join(groups)
    if places > 0:
        text += DECIMAL_SEPARATOR + fraction
    return sign + text


def percent(value: Decimal | float | int | None, places: int = 2, *, empty: str = "–") -> str:
    """11.6283… -> "11,63 %"."""
    text = number(value, places, empty=empty)
    return text if text == empty else f"{text} %"


def signed(value: Decimal | float | int | None, places: int = 2, unit: str = "") -> str:
    """A change with its sign: "+1,20", "−0,50" (a real minus sign), "0,00"."""
    if value is None:
        return "–"
    rounded = round_half_up(value, places)
    sign = "+" if rounded > 0 else MINUS if rounded < 0 else ""
    return f"{sign}{number(abs(rounded), places)}{unit}"


def plain_number(value: Decimal | float | int, places: int = 2) -> str:
    """For SVG coordinates, CSS and attributes: a point, never a comma ("42.86")."""
    rounded = round_half_up(value, places)
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
