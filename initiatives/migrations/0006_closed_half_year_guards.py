"""A closed half-year's status updates cannot be changed or deleted, by any path: row guards
(strategy.row_guards) on the status table. A cascade from deleting an initiative that has
history in a closed half-year is refused too."""

from django.db import migrations

from initiatives.row_guards import closed_period_guards
from strategy.row_guards import install_guards, remove_guards

TABLE = "initiatives_statusupdate"
MESSAGE = "Statusopdateringer i et lukket halvår kan ikke ændres eller slettes."


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

GUARDS = closed_period_guards(prefix="statusupdate", table=TABLE, content=CONTENT, message=MESSAGE)


def forwards(apps, schema_editor):
    install_guards(schema_editor, GUARDS)


def backwards(apps, schema_editor):
    remove_guards(schema_editor, GUARDS)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0005_period_reopened")]

    operations = [migrations.RunPython(forwards, backwards)]
