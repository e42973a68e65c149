"""A measurement covers a period of its own (a quarter, a year or a half-year), ending on
`covers_end`; one per indicator and date instead of one per half-year. Existing measurements
covered their half-year, so their `covers_end` is the half-year's last day. The closed
half-year guards are installed again with `covers_end` among the frozen columns."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

from core.row_guards import install_guards, remove_guards
from initiatives.row_guards import closed_period_guards

TABLE = "indicators_measurement"
MESSAGE = "Målinger i et lukket halvår kan ikke ændres eller slettes."
OLD_CONTENT = ["indicator_id", "period_id", "value", "comment", "version", "is_demo"]
CONTENT = [*OLD_CONTENT, "covers_end"]
OLD_GUARDS = closed_period_guards(prefix="measurement", table=TABLE, content=OLD_CONTENT, message=MESSAGE)
GUARDS = closed_period_guards(prefix="measurement", table=TABLE, content=CONTENT, message=MESSAGE)


def fill_covers_end(apps, schema_editor):
    """Each existing measurement covered its half-year (the guards allow it: the new column is
    not among the frozen ones yet)."""
    Period = apps.get_model("initiatives", "Period")
    end = Subquery(Period.objects.filter(pk=OuterRef("period_id")).values("end")[:1])
    for name in ("Measurement", "HistoricalMeasurement"):
        apps.get_model("indicators", name).objects.update(covers_end=end)


def guards_forwards(apps, schema_editor):
    remove_guards(schema_editor, OLD_GUARDS)
    install_guards(schema_editor, GUARDS)


def guards_backwards(apps, schema_editor):
    remove_guards(schema_editor, GUARDS)
    install_guards(schema_editor, OLD_GUARDS)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0002_closed_half_year_guards_and_stamp"),
    ]

    operations = [
        migrations.AddField(
            model_name="measurement",
            name="covers_end",
            field=models.DateField(
                null=True,
                help_text="Sidste dag i det halvår, kvartal eller år, værdien gælder.",
                verbose_name="dækker perioden til",
            ),
        ),
        migrations.AddField(
            model_name="historicalmeasurement",
            name="covers_end",
            field=models.DateField(
                null=True,
                help_text="Sidste dag i det halvår, kvartal eller år, værdien gælder.",
                verbose_name="dækker perioden til",
            ),
        ),
        migrations.RunPython(fill_covers_end, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="measurement",
            name="covers_end",
            field=models.DateField(
                help_text="Sidste dag i det halvår, kvartal eller år, værdien gælder.",
                verbose_name="dækker perioden til",
            ),
        ),
        migrations.AlterField(
            model_name="historicalmeasurement",
            name="covers_end",
            field=models.DateField(
                help_text="Sidste dag i det halvår, kvartal eller år, værdien gælder.",
                verbose_name="dækker perioden til",
            ),
        ),
        migrations.RemoveConstraint(model_name="measurement", name="measurement_one_per_period"),
        migrations.AddConstraint(
            model_name="measurement",
            constraint=models.UniqueConstraint(
                fields=("indicator", "covers_end"), name="measurement_one_per_covered_period"
            ),
        ),
        migrations.AlterModelOptions(
            name="measurement",
            options={
                "ordering": ["covers_end"],
                "verbose_name": "måling",
                "verbose_name_plural": "målinger",
            },
        ),
        migrations.RunPython(guards_forwards, guards_backwards),
    ]
