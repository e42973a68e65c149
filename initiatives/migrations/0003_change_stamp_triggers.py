"""Triggers that move the change stamp (strategy.models.ChangeStamp) when the plan changes."""

from django.db import migrations

from core.change_stamp import install_triggers, remove_triggers

TABLES = [
    "initiatives_period",
    "initiatives_initiative",
    "initiatives_initiative_objectives",
    "initiatives_statusupdate",
]


def forwards(apps, schema_editor):
    install_triggers(schema_editor, TABLES)


def backwards(apps, schema_editor):
    remove_triggers(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0002_conditions_hint"),
        ("strategy", "0003_change_stamp"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
