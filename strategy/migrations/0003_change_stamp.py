"""The change stamp (strategy.models.ChangeStamp). Its triggers are installed after every
migrate (core.change_stamp.ensure_triggers, from strategy.apps), on the tables each app names."""

from django.db import migrations, models


def forwards(apps, schema_editor):
    apps.get_model("strategy", "ChangeStamp").objects.using(
        schema_editor.connection.alias
    ).get_or_create(name="data", defaults={"version": 1})


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0002_audit_event"),
    ]

    operations = [
        migrations.CreateModel(
            name="ChangeStamp",
            fields=[
                ("name", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
                ("changed_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "verbose_name": "ændringsstempel",
                "verbose_name_plural": "ændringsstempler",
            },
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
