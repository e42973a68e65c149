"""The database's floor under the organisation tree: no unit may be its own ancestor.

The unit form and `unit_update` refuse first, with a Danish message; this PostgreSQL trigger
refuses every other path too (the admin, `QuerySet.update()`, a console, a data migration).
It walks up from the new parent with a recursive query and raises `restrict_violation` (an
IntegrityError in Django, so the transaction is undone) when it meets the unit itself.
Installed after every migrate from strategy.apps, like the change-stamp triggers; idempotent.
SQLite allows no recursive query inside a trigger, so there the services are the guard.
"""

from __future__ import annotations

from django.db import connections

TRIGGER = "strategy_unit_no_cycle"
MESSAGE = "En enhed kan ikke ligge under sig selv eller under en af sine egne underenheder."

# Constants only (no input reaches this SQL).
_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger AS $$
BEGIN
    IF NEW.parent_id IS NOT NULL AND EXISTS (
        WITH RECURSIVE ancestors(id, parent_id) AS (
            SELECT id, parent_id FROM strategy_unit WHERE id = NEW.parent_id
            UNION
            SELECT u.id, u.parent_id FROM strategy_unit u JOIN ancestors a ON u.id = a.parent_id
        )
        SELECT 1 FROM ancestors WHERE id = NEW.id
    ) THEN
        RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = '{MESSAGE}';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql
"""  # noqa: S608


def ensure_unit_tree_guard(using: str = "default") -> bool:
    """(Re)install the trigger on PostgreSQL; returns whether it was installed."""
    conn = connections[using]
    if conn.vendor != "postgresql" or "strategy_unit" not in conn.introspection.table_names():
        return False
    with conn.cursor() as cursor:
        cursor.execute(_FUNCTION)
        cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON strategy_unit")
        cursor.execute(
            f"CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE OF parent_id ON strategy_unit"
            f" FOR EACH ROW EXECUTE FUNCTION {TRIGGER}()"
        )
    return True
