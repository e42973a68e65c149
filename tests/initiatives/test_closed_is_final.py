"""A closed half-year is final everywhere: its status updates cannot be changed or deleted, not
through the Django admin (change form, delete view, bulk action), nor through the model layer
(QuerySet.update/delete, a cascade from deleting the initiative). An initiative with history
in a closed half-year is not deleted; it is marked Opgivet."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from initiatives.models import Initiative, StatusUpdate
from initiatives.services import period_reopen
from tests.initiatives.factories import StatusUpdateFactory

pytestmark = pytest.mark.django_db

FINAL_UPDATE = "Statusopdateringer i et lukket halvår kan ikke slettes"
FINAL_INITIATIVE = "Tiltag med status i et lukket halvår kan ikke slettes"


@pytest.fixture
def closed_update(initiative_a, closed_period):
    return StatusUpdateFactory(
        initiative=initiative_a, period=closed_period, traffic_light="green", progress=40
    )


@pytest.fixture
def open_update(initiative_b, open_period):
    return StatusUpdateFactory(
        initiative=initiative_b, period=open_period, traffic_light="red", progress=10
    )


def _rows() -> list[tuple]:
    return list(
        StatusUpdate.objects.order_by("pk").values_list(
            "pk", "initiative_id", "period_id", "traffic_light", "progress", "status_text"
        )
    )


# --- Through the admin --------------------------------------------------------------------------


def test_the_admin_change_form_of_a_closed_update_is_read_only(client_for, closed_update):
    before = _rows()
    url = reverse("admin:initiatives_statusupdate_change", args=[closed_update.pk])
    client = client_for("administrator")
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="traffic_light"' not in page.content.decode()
    response = client.post(url, {"traffic_light": "red", "progress": "90"})
    assert response.status_code == 403
    assert _rows() == before


def test_the_admin_delete_view_refuses_a_closed_update_in_danish(client_for, closed_update):
    before = _rows()
    url = reverse("admin:initiatives_statusupdate_delete", args=[closed_update.pk])
    client = client_for("administrator")
    response = client.post(url, {"post": "yes"}, follow=True)
    assert FINAL_UPDATE in response.content.decode()
    assert _rows() == before
    change = client.get(reverse("admin:initiatives_statusupdate_change", args=[closed_update.pk]))
    assert url not in change.content.decode()  # no "Slet" link


def test_the_bulk_delete_action_refuses_a_selection_with_a_closed_update(
    client_for, closed_update, open_update
):
    before = _rows()
    response = client_for("administrator").post(
        reverse("admin:initiatives_statusupdate_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [closed_update.pk, open_update.pk],
            "post": "yes",
        },
        follow=True,
    )
    assert FINAL_UPDATE in response.content.decode()
    assert _rows() == before


def test_the_bulk_delete_action_still_deletes_an_open_half_years_updates(
    client_for, closed_update, open_update
):
    client_for("administrator").post(
        reverse("admin:initiatives_statusupdate_changelist"),
        {"action": "delete_selected", "_selected_action": [open_update.pk], "post": "yes"},
    )
    assert list(StatusUpdate.objects.values_list("pk", flat=True)) == [closed_update.pk]


def test_the_admin_refuses_to_delete_an_initiative_with_closed_history(
    client_for, initiative_a, closed_update
):
    client = client_for("administrator")
    url = reverse("admin:initiatives_initiative_delete", args=[initiative_a.pk])
    response = client.post(url, {"post": "yes"}, follow=True)
    html = response.content.decode()
    assert FINAL_INITIATIVE in html
    assert "Sæt status til ”Opgivet” i stedet." in html
    assert Initiative.objects.filter(pk=initiative_a.pk).exists()
    assert _rows() != []
    response = client.post(
        reverse("admin:initiatives_initiative_changelist"),
        {"action": "delete_selected", "_selected_action": [initiative_a.pk], "post": "yes"},
        follow=True,
    )
    assert FINAL_INITIATIVE in response.content.decode()
    assert Initiative.objects.filter(pk=initiative_a.pk).exists()


def test_an_initiative_with_only_an_open_half_years_update_can_be_deleted(
    client_for, initiative_b, open_update
):
    url = reverse("admin:initiatives_initiative_delete", args=[initiative_b.pk])
    response = client_for("administrator").post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Initiative.objects.filter(pk=initiative_b.pk).exists()
    assert not StatusUpdate.objects.exists()


# --- Below the admin: the database refuses by any path ------------------------------------------


def test_the_database_refuses_to_change_or_delete_a_closed_update(closed_update):
    before = _rows()
    attempts = [
        lambda: StatusUpdate.objects.filter(pk=closed_update.pk).update(traffic_light="red"),
        lambda: StatusUpdate.objects.filter(pk=closed_update.pk).delete(),
        lambda: closed_update.delete(),
        lambda: closed_update.initiative.delete(),  # the cascade
        lambda: Initiative.objects.filter(pk=closed_update.initiative_id).delete(),
    ]
    for attempt in attempts:
        with pytest.raises(IntegrityError, match="lukket halvår"), transaction.atomic():
            attempt()
    assert _rows() == before


def test_an_open_half_years_update_is_still_changed_and_reopening_unlocks(
    closed_update, open_update, closed_period, open_period, administrator
):
    from initiatives.services import period_close

    StatusUpdate.objects.filter(pk=open_update.pk).update(progress=20)
    period_close(period=open_period, user=administrator)
    period_reopen(period=closed_period, reason="Rettelse af fremdrift.", user=administrator)
    StatusUpdate.objects.filter(pk=closed_update.pk).update(progress=45)
    assert sorted(StatusUpdate.objects.values_list("progress", flat=True)) == [20, 45]
