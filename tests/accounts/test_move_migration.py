"""The audit log moved from strategy to accounts (accounts 0001-0002, strategy 0005). A
database filled before the move keeps its users, their roles and its audit rows, and the
permission on the log stays with the groups that held it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("strategy", "0004_audit_event_labels"), ("accounts", None)]


def _executor() -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_users_roles_and_audit_rows():
    latest = _executor().loader.graph.leaf_nodes()
    executor = _executor()
    executor.migrate(BEFORE)
    try:
        # The models as the database has them now (what is applied).
        old = _executor()._create_project_state(with_applied_migrations=True).apps
        User = old.get_model("auth", "User")
        Group = old.get_model("auth", "Group")
        Permission = old.get_model("auth", "Permission")
        ContentType = old.get_model("contenttypes", "ContentType")
        AuditEvent = old.get_model("strategy", "AuditEvent")
        assert AuditEvent._meta.db_table == "strategy_auditevent"

        leader = User.objects.create(username="gammel.leder", first_name="Gerda")
        group = Group.objects.create(name="Revisorer")
        leader.groups.add(group)
        content_type, _ = ContentType.objects.get_or_create(
            app_label="strategy", model="auditevent"
        )
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename="view_auditevent",
            defaults={"name": "Can view logpost"},
        )
        group.permissions.add(permission)
        AuditEvent.objects.create(kind="login", user=leader, username="gammel.leder")
        AuditEvent.objects.create(kind="export", username="gammel.leder", target="Bilag 2")

        _executor().migrate(latest)
    finally:
        _executor().migrate(latest)

    from django.contrib.auth.models import Group as NewGroup
    from django.contrib.auth.models import User as NewUser

    from accounts.models import AuditEvent as Moved

    assert Moved._meta.db_table == "accounts_auditevent"
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "accounts_auditevent" in tables and "strategy_auditevent" not in tables
    user = NewUser.objects.get(username="gammel.leder")
    assert [g.name for g in user.groups.all()] == ["Revisorer"]
    rows = Moved.objects.filter(username="gammel.leder").order_by("pk")
    assert [(row.kind, row.user_id, row.target) for row in rows] == [
        ("login", user.pk, ""),
        ("export", None, "Bilag 2"),
    ]
    # The permission kept its row and its group, now on accounts' audit log.
    assert (
        NewGroup.objects.get(name="Revisorer")
        .permissions.filter(content_type__app_label="accounts", codename="view_auditevent")
        .exists()
    )
