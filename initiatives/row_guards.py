"""The row guards (strategy.row_guards) that make a closed half-year's contributions final
(migration 0009): those of every closed half-year's table, and no new row in a closed one."""

from __future__ import annotations

from strategy.row_guards import RowGuard, closed_half_year_guards, in_closed_half_year


def closed_period_guards(
    *, prefix: str, table: str, content: list[str], message: str, refuse_insert: bool = False
) -> list[RowGuard]:
    """Refuse deleting a closed half-year's rows, changing their `content` columns, and (with
    `refuse_insert`) adding rows to it."""
    guards = []
    if refuse_insert:
        guards.append(
            RowGuard(
                name=f"{prefix}_closed_no_insert",
                table=table,
                event="INSERT",
                condition=in_closed_half_year("NEW.period_id"),
                message=message,
            )
        )
    return guards + closed_half_year_guards(prefix, table, content, message)
