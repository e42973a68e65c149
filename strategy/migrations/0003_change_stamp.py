"""The change stamp (strategy.models.ChangeStamp) and the triggers on the strategy's tables."""

from django.db import migrations, models

from core.change_stamp import install_triggers, remove_triggers

TABLES = [
    "strategy_strategy",
    "strategy_theme",
    "strategy_objective",
    "strategy_keyword",
    "strategy_themefocus",
]


def forwards(apps, schema_editor):
    apps.get_model("strategy", "ChangeStamp").objects.using(
        schema_editor.connection.alias
    ).get_or_create(name="data", defaults={"version": 1})
    install_triggers(schema_editor, TABLES)


def backwards(apps, schema_editor):
    remove_triggers(schema_editor, TABLES)


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
        migrations.RunPython(forwards, backwards),
    ]
