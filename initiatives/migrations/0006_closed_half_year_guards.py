"""A closed half-year's status updates cannot be changed or deleted, by any path: row guards
(core.row_guards) on the status table. A cascade from deleting an initiative that has
history in a closed half-year is refused too."""

from django.db import migrations

from core.row_guards import RowGuard, changed, install_guards, remove_guards

TABLE = "initiatives_statusupdate"
MESSAGE = "Statusopdateringer i et lukket halvår kan ikke ændres eller slettes."


def _closed(period_id: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM initiatives_period p"
        f" WHERE p.id = {period_id} AND NOT p.is_open AND p.closed_at IS NOT NULL)"
    )


# What an update says; the stamps (created_at, updated_at) and the author (set to NULL when a
# user is deleted) may still change.
CONTENT = [
    "initiative_id",
    "period_id",
    "traffic_light",
    "progress",
    "lifecycle_status",
    "status_text",
    "next_steps",
    "version",
    "is_demo",
]

GUARDS = [
    RowGuard(
        name="statusupdate_closed_no_delete",
        table=TABLE,
        event="DELETE",
        condition=_closed("OLD.period_id"),
        message=MESSAGE,
    ),
    RowGuard(
        name="statusupdate_closed_no_update",
        table=TABLE,
        event="UPDATE",
        condition=f"({_closed('OLD.period_id')} OR {_closed('NEW.period_id')})"
        f" AND {changed(CONTENT)}",
        message=MESSAGE,
    ),
]


def forwards(apps, schema_editor):
    install_guards(schema_editor, GUARDS)


def backwards(apps, schema_editor):
    remove_guards(schema_editor, GUARDS)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0005_period_reopened")]

    operations = [migrations.RunPython(forwards, backwards)]
