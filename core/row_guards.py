"""Row guards: database triggers that refuse to change or delete rows that are final (a closed
half-year's status updates, an issued report with its sign-offs and comments).

Why triggers and not only Python: a closed half-year must stay closed whatever path a write
takes, including the ones that pass no Python hook (a cascade from deleting an initiative,
`QuerySet.update()`, a bulk action, a data migration, a console). The services and the admin
refuse first, with a Danish message; the trigger is the floor under them. Like the
change-stamp triggers (core.change_stamp), they are installed from migrations, for
PostgreSQL and SQLite.

A guard is a condition on the row (`OLD`, and `NEW` for updates) in SQL that both databases
read; `{distinct}` stands for the null-safe "differs" operator. The error is an integrity
error (PostgreSQL `restrict_violation`, SQLite `RAISE(ABORT)`), so the transaction is undone.
"""

from __future__ import annotations

from dataclasses import dataclass

_DISTINCT = {"postgresql": "IS DISTINCT FROM", "sqlite": "IS NOT"}


@dataclass(frozen=True)
class RowGuard:
    name: str
    table: str
    event: str  # "INSERT", "UPDATE" or "DELETE"
    condition: str
    message: str

    def sql_condition(self, vendor: str) -> str:
        return self.condition.format(distinct=_DISTINCT[vendor])


def changed(columns: list[str]) -> str:
    """SQL: any of the columns differs between OLD and NEW (null-safe)."""
    return "(" + " OR ".join(f"OLD.{c} {{distinct}} NEW.{c}" for c in columns) + ")"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def install_guards(schema_editor, guards: list[RowGuard]) -> None:
    vendor = schema_editor.connection.vendor
    for guard in guards:
        condition = guard.sql_condition(vendor)
        if vendor == "postgresql":
            schema_editor.execute(
                f"""
                CREATE OR REPLACE FUNCTION {guard.name}() RETURNS trigger AS $$
                BEGIN
                    IF {condition} THEN
                        RAISE EXCEPTION USING ERRCODE = 'restrict_violation',
                            MESSAGE = {_quote(guard.message)};
                    END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END
                $$ LANGUAGE plpgsql
                """,
                params=None,
            )
            schema_editor.execute(
                f"CREATE TRIGGER {guard.name} BEFORE {guard.event} ON {guard.table}"
                f" FOR EACH ROW EXECUTE FUNCTION {guard.name}()",
                params=None,
            )
        elif vendor == "sqlite":
            schema_editor.execute(
                f"CREATE TRIGGER {guard.name} BEFORE {guard.event} ON {guard.table}"
                f" FOR EACH ROW WHEN {condition}"
                f" BEGIN SELECT RAISE(ABORT, {_quote(guard.message)}); END",
                params=None,
            )
        else:  # pragma: no cover - the settings allow PostgreSQL and SQLite only
            raise NotImplementedError(f"No row guards for {vendor}.")


def remove_guards(schema_editor, guards: list[RowGuard]) -> None:
    vendor = schema_editor.connection.vendor
    for guard in guards:
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS {guard.name}"
            + (f" ON {guard.table}" if vendor == "postgresql" else ""),
            params=None,
        )
        if vendor == "postgresql":
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {guard.name}()", params=None)
