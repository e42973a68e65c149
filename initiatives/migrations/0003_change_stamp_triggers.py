"""Once installed the change-stamp triggers on the plan's tables; they are now installed after
every migrate (core.change_stamp.ensure_triggers), on the tables initiatives.apps names. Kept
so the migration graph stays as databases have it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0002_conditions_hint"),
        ("strategy", "0003_change_stamp"),
    ]

    operations: list = []
