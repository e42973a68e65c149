"""A closed half-year's measurements cannot be changed or deleted, by any path (row guards, as
initiatives/0006 does for status updates), and the data stamp moves when indicators, targets or
measurements change (the cached overview shows their counts). The overview shows the trained
share's status too, so the staffing tables move the stamp as well. The stamp's triggers are now
installed after every migrate (core.change_stamp.ensure_triggers), on the tables each app names."""

from django.db import migrations

from core.row_guards import install_guards, remove_guards
from initiatives.row_guards import closed_period_guards

TABLE = "indicators_measurement"
MESSAGE = "Målinger i et lukket halvår kan ikke ændres eller slettes."


# What a measurement says; the stamps and the author (set to NULL when a user is deleted) may
# still change.
CONTENT = ["indicator_id", "period_id", "value", "comment", "version", "is_demo"]
GUARDS = closed_period_guards(prefix="measurement", table=TABLE, content=CONTENT, message=MESSAGE)


def forwards(apps, schema_editor):
    install_guards(schema_editor, GUARDS)


def backwards(apps, schema_editor):
    remove_guards(schema_editor, GUARDS)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0001_initial"),
        ("initiatives", "0006_closed_half_year_guards"),
        ("strategy", "0003_change_stamp"),
        ("staffing", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
