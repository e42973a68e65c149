"""A closed half-year's status updates stay final, except those of the initiatives an open
correction (initiatives.Correction) names, while it is open: the update guard of 0006 gains
that one exception (same initiative, same half-year, correction not closed)."""

from django.db import migrations

from core.row_guards import RowGuard, changed, install_guards, remove_guards

TABLE = "initiatives_statusupdate"
MESSAGE = "Statusopdateringer i et lukket halvår kan ikke ændres eller slettes."
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


def _closed(period_id: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM initiatives_period p"
        f" WHERE p.id = {period_id} AND NOT p.is_open AND p.closed_at IS NOT NULL)"
    )


UNDER_CORRECTION = (
    "(OLD.initiative_id = NEW.initiative_id AND OLD.period_id = NEW.period_id"
    " AND EXISTS (SELECT 1 FROM initiatives_correction c"
    " JOIN initiatives_correction_initiatives ci ON ci.correction_id = c.id"
    " WHERE c.period_id = NEW.period_id AND ci.initiative_id = NEW.initiative_id"
    " AND c.closed_at IS NULL))"
)

OLD_GUARD = RowGuard(
    name="statusupdate_closed_no_update",
    table=TABLE,
    event="UPDATE",
    condition=f"({_closed('OLD.period_id')} OR {_closed('NEW.period_id')}) AND {changed(CONTENT)}",
    message=MESSAGE,
)
GUARD = RowGuard(
    name="statusupdate_closed_no_update",
    table=TABLE,
    event="UPDATE",
    condition=f"({_closed('OLD.period_id')} OR {_closed('NEW.period_id')}) AND {changed(CONTENT)}"
    f" AND NOT {UNDER_CORRECTION}",
    message=MESSAGE,
)


def forwards(apps, schema_editor):
    remove_guards(schema_editor, [OLD_GUARD])
    install_guards(schema_editor, [GUARD])


def backwards(apps, schema_editor):
    remove_guards(schema_editor, [GUARD])
    install_guards(schema_editor, [OLD_GUARD])


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0015_correction_of_a_closed_half_year")]

    operations = [migrations.RunPython(forwards, backwards)]
