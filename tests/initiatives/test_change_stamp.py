"""The data stamp moves with every write to the strategy and the plan, however it is made."""

import pytest
from django.db import connection

from accounts.models import AuditEvent
from core.change_stamp import data_stamp
from initiatives.models import Initiative, StatusUpdate
from strategy.models import Objective
from tests.initiatives.factories import InitiativeFactory, StatusUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(unit_a, strategy_data):
    return InitiativeFactory(responsible_unit=unit_a, objectives=[Objective.objects.first()])


def _moves(change) -> bool:
    before = data_stamp()
    change()
    return data_stamp() != before


def test_it_moves_when_an_initiative_is_saved_created_or_deleted(initiative, unit_a):
    initiative.title = "Nyt navn"
    assert _moves(initiative.save)
    assert _moves(lambda: InitiativeFactory(responsible_unit=unit_a))
    assert _moves(initiative.delete)


def test_it_moves_when_a_status_update_is_written(initiative, open_period):
    assert _moves(lambda: StatusUpdateFactory(initiative=initiative, period=open_period))


def test_it_moves_when_a_link_to_a_maalsaetning_is_added_or_removed(initiative):
    objective = Objective.objects.last()
    assert _moves(lambda: initiative.objectives.add(objective))
    assert _moves(lambda: initiative.objectives.remove(objective))


def test_it_moves_on_bulk_writes_that_send_no_signals(initiative, open_period):
    assert _moves(lambda: Initiative.objects.update(order=7))
    assert _moves(
        lambda: StatusUpdate.objects.bulk_create(
            [
                StatusUpdate(
                    initiative=initiative, period=open_period, traffic_light="red", progress=5
                )
            ]
        )
    )
    table = Initiative._meta.db_table

    # Raw SQL too: the triggers are in the database, not in Django.
    def raw_noop():
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET title = title WHERE id = %s", [initiative.pk])  # noqa: S608

    assert _moves(raw_noop)


def test_it_moves_when_the_strategy_text_is_edited(strategy_data):
    objective = Objective.objects.first()
    objective.text += " (rettet)"
    assert _moves(objective.save)


def test_it_stays_when_unwatched_tables_change(strategy_data):
    assert not _moves(lambda: AuditEvent.objects.create(kind=AuditEvent.Kind.LOGIN))


def test_a_stamp_rolled_back_with_a_transaction_is_never_reused(initiative):
    from django.db import transaction

    before = data_stamp()
    with pytest.raises(RuntimeError), transaction.atomic():
        initiative.title = "Rulles tilbage"
        initiative.save()
        inside = data_stamp()
        raise RuntimeError
    assert data_stamp() == before
    initiative.title = "Gemt"
    initiative.save()
    # Same version number as the rolled-back one, but a different time: a different stamp.
    assert data_stamp() not in {before, inside}


def test_it_moves_when_units_participants_or_reports_change(
    initiative, unit_a, unit_b, leader_a, closed_period
):
    """Tables the cached pages and the API show besides the plan: the organisation, who
    leads it, who takes part, and the reports (publishing one changes the public page)."""
    from reports.models import Report

    assert _moves(lambda: initiative.units.add(unit_b))
    assert _moves(lambda: unit_b.leaders.add(leader_a))
    unit_b.name = "Omdøbt"
    assert _moves(unit_b.save)
    assert _moves(
        lambda: Report.objects.create(period=closed_period, audience="committee", version=1)
    )


# Each app names its own stamped tables; the triggers are installed in one place, after migrate.
STAMPED = {
    "strategy_strategy",
    "strategy_theme",
    "strategy_objective",
    "strategy_keyword",
    "strategy_themefocus",
    "strategy_unit",
    "strategy_unit_leaders",
    "initiatives_focusarea",
    "initiatives_period",
    "initiatives_initiative",
    "initiatives_initiative_objectives",
    "initiatives_initiative_units",
    "initiatives_statusupdate",
    "initiatives_contribution",
    "indicators_indicator",
    "indicators_indicator_objectives",
    "indicators_target",
    "indicators_measurement",
    "staffing_staffgroup",
    "staffing_staffingsnapshot",
    "staffing_staffingfigure",
    "reports_report",
}


def test_every_stamped_table_has_exactly_one_trigger_after_migrate():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " WHERE t.tgname LIKE '%%_stamp' AND NOT t.tgisinternal GROUP BY c.relname"
        )
        found = dict(cursor.fetchall())
    assert found == dict.fromkeys(STAMPED, 1)


def test_the_triggers_are_installed_only_after_migrate_not_in_migrations():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    installers = [
        str(path.relative_to(root))
        for path in root.glob("*/migrations/*.py")
        if "install_triggers" in path.read_text(encoding="utf-8")
    ]
    assert installers == []
