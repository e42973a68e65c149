"""One tovholder per initiative, and a history that starts out complete.

1. `responsible_leader` is filled from the many-to-many `leaders` (removed in 0013): where an
   initiative has exactly one, that one; where it has several, the first by name (first name,
   last name, username, as the editing page lists them) and the others are dropped (they keep
   their access through the units they lead, if any; an administrator can pick another
   tovholder on the editing page); where it has none, none.
2. The history records made before 0011 have no tovholder and no målsætninger or units (those
   were not kept). Each of them gets the initiative's values as of this migration, so the
   readable history shows no change that did not happen; it shows these fields' changes from
   here on. (Updates with QuerySet.update() and bulk_create(): no model save, no record.)
"""

from django.db import migrations

# Rows per INSERT: the history can hold tens of thousands of records at stress scale.
BATCH = 2000


def forwards(apps, schema_editor):
    Initiative = apps.get_model("initiatives", "Initiative")
    HistoricalInitiative = apps.get_model("initiatives", "HistoricalInitiative")
    Leaders = Initiative.leaders.through
    first_leader: dict[int, int] = {}
    for initiative_id, user_id in Leaders.objects.order_by(
        "initiative_id", "user__first_name", "user__last_name", "user__username"
    ).values_list("initiative_id", "user_id"):
        first_leader.setdefault(initiative_id, user_id)
    for initiative_id, user_id in first_leader.items():
        Initiative.objects.filter(pk=initiative_id).update(responsible_leader_id=user_id)
        HistoricalInitiative.objects.filter(id=initiative_id).update(
            responsible_leader_id=user_id
        )
    for field, column in [("objectives", "objective_id"), ("units", "unit_id")]:
        through = getattr(Initiative, field).through
        history_through = apps.get_model("initiatives", f"HistoricalInitiative_{field}")
        # The link rows as they are (simple-history keeps each row's own id too).
        current: dict[int, list[tuple[int, int]]] = {}
        for row_id, initiative_id, target_id in through.objects.values_list(
            "id", "initiative_id", column
        ):
            current.setdefault(initiative_id, []).append((row_id, target_id))
        kept = history_through.objects.values("history_id")  # none, unless run again
        rows = [
            history_through(
                history_id=history_id, id=row_id, initiative_id=initiative_id, **{column: target}
            )
            for history_id, initiative_id in HistoricalInitiative.objects.filter(
                id__in=list(current)
            )
            .exclude(history_id__in=kept)
            .values_list("history_id", "id")
            for row_id, target in current[initiative_id]
        ]
        history_through.objects.bulk_create(rows, batch_size=BATCH)


def backwards(apps, schema_editor):
    Initiative = apps.get_model("initiatives", "Initiative")
    Leaders = Initiative.leaders.through
    Leaders.objects.bulk_create(
        [
            Leaders(initiative_id=pk, user_id=user_id)
            for pk, user_id in Initiative.objects.exclude(responsible_leader=None).values_list(
                "pk", "responsible_leader_id"
            )
        ],
        ignore_conflicts=True,
    )
    for field in ["objectives", "units"]:
        apps.get_model("initiatives", f"HistoricalInitiative_{field}").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0011_archive_tovholder_m2m_history")]

    operations = [migrations.RunPython(forwards, backwards)]
