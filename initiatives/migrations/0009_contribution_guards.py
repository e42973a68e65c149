"""A closed half-year's contributions are as final as its status: row guards
(core.row_guards) refuse adding, changing or deleting them, and the change stamp moves
with them (the overview cache and the reports read them)."""

from django.db import migrations

from initiatives.row_guards import closed_period_guards
from core.row_guards import install_guards, remove_guards

TABLE = "initiatives_contribution"
MESSAGE = "Bidrag i et lukket halvår kan ikke tilføjes, ændres eller slettes."


CONTENT = ["initiative_id", "period_id", "unit_id", "text"]

GUARDS = closed_period_guards(
    prefix="contribution", table=TABLE, content=CONTENT, message=MESSAGE, refuse_insert=True
)


def forwards(apps, schema_editor):
    install_guards(schema_editor, GUARDS)


def backwards(apps, schema_editor):
    remove_guards(schema_editor, GUARDS)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0008_set_responsible_unit")]

    operations = [migrations.RunPython(forwards, backwards)]
