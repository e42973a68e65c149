"""One owner per initiative: set the responsible unit of existing initiatives by the loader's
rule (initiatives.seed.responsible_unit_key) and keep the other named units as participants."""

from django.db import migrations

from initiatives.seed import responsible_unit_key


def forwards(apps, schema_editor):
    Initiative = apps.get_model("initiatives", "Initiative")
    Unit = apps.get_model("strategy", "Unit")
    parent_of = dict(Unit.objects.values_list("id", "parent_id"))
    if not parent_of:
        return  # no organisation loaded yet: nothing to own
    for initiative in Initiative.objects.filter(responsible_unit__isnull=True):
        named = sorted(initiative.units.values_list("id", flat=True))
        responsible = responsible_unit_key(named, parent_of)
        Initiative.objects.filter(pk=initiative.pk).update(responsible_unit_id=responsible)
        initiative.units.remove(responsible)


def backwards(apps, schema_editor):
    Initiative = apps.get_model("initiatives", "Initiative")
    for initiative in Initiative.objects.exclude(responsible_unit__isnull=True):
        initiative.units.add(initiative.responsible_unit_id)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0007_responsible_unit_and_contributions")]

    operations = [migrations.RunPython(forwards, backwards)]
