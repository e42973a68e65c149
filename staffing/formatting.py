"""Danish number formatting for the staffing figures: two decimals and a decimal comma."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_CENT = Decimal("0.01")


def two_decimals(value: Decimal | float | int) -> str:
    """2.775 -> "2,78", 10 -> "10,00", -0.5 -> "-0,50": what `floatformat:2` writes in Danish
    (half away from zero, no thousands separator), without the template machinery.

    The staffing tables write hundreds of these per page (20 snapshots × 21 areas on the trend
    page at stress scale), and floatformat cost more than the rest of the page together.
    """
    try:
        number = value if isinstance(value, Decimal) else Decimal(repr(value))
        text = f"{number.quantize(_CENT, rounding=ROUND_HALF_UP):f}"
    except (InvalidOperation, ValueError):
        return ""
    if text == "-0.00":
        text = "0.00"
    return text.replace(".", ",")
