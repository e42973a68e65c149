"""The row guards (core.row_guards) that make a closed half-year's rows final: those of every
table with a `period_id` (status updates, contributions, measurements), and no new row in a
closed one."""

from __future__ import annotations

from core.row_guards import RowGuard, changed


def in_closed_half_year(period_id: str) -> str:
    """SQL: the half-year `period_id` (a column reference such as `OLD.period_id`, written in
    this module's callers, never input) is closed."""
    return (
        "EXISTS (SELECT 1 FROM initiatives_period p"  # noqa: S608
        f" WHERE p.id = {period_id} AND NOT p.is_open AND p.closed_at IS NOT NULL)"
    )


def closed_period_guards(
    *, prefix: str, table: str, content: list[str], message: str, refuse_insert: bool = False
) -> list[RowGuard]:
    """Refuse deleting a closed half-year's rows, changing their `content` columns while the
    row's half-year (old or new) is closed, and (with `refuse_insert`) adding rows to it."""
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
    guards += [
        RowGuard(
            name=f"{prefix}_closed_no_delete",
            table=table,
            event="DELETE",
            condition=in_closed_half_year("OLD.period_id"),
            message=message,
        ),
        RowGuard(
            name=f"{prefix}_closed_no_update",
            table=table,
            event="UPDATE",
            condition=f"({in_closed_half_year('OLD.period_id')}"
            f" OR {in_closed_half_year('NEW.period_id')}) AND {changed(content)}",
            message=message,
        ),
    ]
    return guards
