"""The data stamp that caches are keyed on (strategy.models.ChangeStamp), and the database
triggers that move it.

`data_stamp()` reads it; `ensure_triggers()` installs the triggers after every migrate on the
tables each app names in its AppConfig (`stamped_tables`). PostgreSQL gets one trigger per
table that fires once per statement (a bulk insert of 100,000 rows bumps the stamp once);
SQLite, which has no statement triggers, one per row and event.
"""

from __future__ import annotations

from django.apps import apps as django_apps
from django.db import connection, connections

STAMP_TABLE = "strategy_changestamp"
STAMP_NAME = "data"
_PG_FUNCTION = "strategy_change_stamp_bump"


def data_stamp() -> str:
    """The current stamp as text (`version@time`); one primary-key lookup."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT version, changed_at FROM {STAMP_TABLE} WHERE name = %s",  # noqa: S608
            [STAMP_NAME],
        )
        row = cursor.fetchone()
    # No spaces: it goes into cache keys.
    return f"{row[0]}@{str(row[1]).replace(' ', 'T')}" if row else "0"


def stamped_tables() -> list[str]:
    """Every table whose rows a cached page or API answer shows (the overview, Mine tiltag's
    banner, the public page, the read API). Each app names its own in its AppConfig's
    `stamped_tables`; core names none."""
    return [
        table
        for config in django_apps.get_app_configs()
        for table in getattr(config, "stamped_tables", ())
    ]


def ensure_triggers(using: str = "default") -> list[str]:
    """(Re)creates the stamp trigger of every stamped table that exists; returns the tables.

    The one place the triggers are installed: after every migrate (strategy.apps, which owns
    the stamp), so a table gets its trigger even when a later migration rebuilds it (SQLite
    drops a table's triggers when it rebuilds the table to alter a column). Idempotent."""
    conn = connections[using]
    existing = set(conn.introspection.table_names())
    if STAMP_TABLE not in existing:
        return []
    tables = [table for table in stamped_tables() if table in existing]
    with conn.schema_editor() as editor:
        remove_triggers(editor, tables)
        install_triggers(editor, tables)
    return tables


def _execute(schema_editor, sql: str) -> None:
    # No parameters: the SQL holds literal % signs (strftime), which must not be read as
    # placeholders.
    schema_editor.execute(sql, params=None)


def _trigger_name(table: str, event: str = "") -> str:
    return f"{table}_stamp{'_' + event if event else ''}"


def install_triggers(schema_editor, tables: list[str]) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _execute(
            schema_editor,
            f"""
            CREATE OR REPLACE FUNCTION {_PG_FUNCTION}() RETURNS trigger AS $$
            BEGIN
                INSERT INTO {STAMP_TABLE} (name, version, changed_at)
                VALUES ('{STAMP_NAME}', 1, clock_timestamp())
                ON CONFLICT (name) DO UPDATE
                SET version = {STAMP_TABLE}.version + 1, changed_at = clock_timestamp();
                RETURN NULL;
            END
            $$ LANGUAGE plpgsql
            """,  # noqa: S608 - table and function names are constants of this module
        )
        for table in tables:
            _execute(
                schema_editor,
                f"CREATE TRIGGER {_trigger_name(table)}"
                f" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}"
                f" FOR EACH STATEMENT EXECUTE FUNCTION {_PG_FUNCTION}()",
            )
    elif vendor == "sqlite":
        for table in tables:
            for event in ("insert", "update", "delete"):
                _execute(
                    schema_editor,
                    # Table names come from the migrations, the rest are constants.
                    f"CREATE TRIGGER {_trigger_name(table, event)} AFTER {event.upper()}"  # noqa: S608
                    f" ON {table}"
                    f" BEGIN INSERT INTO {STAMP_TABLE} (name, version, changed_at)"
                    f" VALUES ('{STAMP_NAME}', 1, strftime('%Y-%m-%d %H:%M:%f', 'now'))"
                    " ON CONFLICT (name) DO UPDATE SET version = version + 1,"
                    " changed_at = excluded.changed_at; END",
                )
    else:  # pragma: no cover - the settings allow PostgreSQL and SQLite only
        raise NotImplementedError(f"No change-stamp triggers for {vendor}.")


def remove_triggers(schema_editor, tables: list[str]) -> None:
    vendor = schema_editor.connection.vendor
    for table in tables:
        if vendor == "postgresql":
            _execute(schema_editor, f"DROP TRIGGER IF EXISTS {_trigger_name(table)} ON {table}")
        else:
            for event in ("insert", "update", "delete"):
                _execute(schema_editor, f"DROP TRIGGER IF EXISTS {_trigger_name(table, event)}")
