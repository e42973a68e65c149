"""The new leader knows where they stand: Mine tiltag names the units they lead, and its empty
state says what those units are responsible for and take part in."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts import roles
from strategy.models import Unit
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def psychiatry_leader(strategy_data, django_user_model):
    user = django_user_model.objects.create_user(
        "sara", email="sara@example.invalid", first_name="Sara", last_name="Leder"
    )
    user.groups.add(Group.objects.get(name=roles.LEADER))
    Unit.objects.get(name="Socialpsykiatri").leaders.add(user)
    return user


def test_the_empty_state_names_the_unit_and_what_it_takes_part_in(
    client, psychiatry_leader, open_period
):
    psychiatry = Unit.objects.get(name="Socialpsykiatri")
    grenaa = Unit.objects.get(name="Område Grenå")
    InitiativeFactory(title="KRAP", responsible_unit=grenaa, units=[psychiatry])
    InitiativeFactory(title="ETIKOS", responsible_unit=grenaa, units=[psychiatry])
    InitiativeFactory(title="Ikke deres", responsible_unit=grenaa)
    client.force_login(psychiatry_leader)
    html = client.get(reverse("initiatives:mine")).content.decode()
    # Two initiatives list Socialpsykiatri as taking part; the third does not.
    assert "Socialpsykiatri er ikke ansvarlig for nogen tiltag, men deltager i 2." in html
    assert "Du er leder af Socialpsykiatri." in html
    assert "Du er ikke registreret" not in html


def test_a_leader_of_no_unit_is_told_so(client, psychiatry_leader, open_period):
    psychiatry_leader.led_units.clear()
    client.force_login(psychiatry_leader)
    html = client.get(reverse("initiatives:mine")).content.decode()
    assert "Du er ikke leder af nogen enhed endnu" in html
    assert "Du er leder af" not in html


def test_two_units_with_nothing_are_named_together(client, psychiatry_leader, open_period):
    Unit.objects.get(name="Område Ørum").leaders.add(psychiatry_leader)
    client.force_login(psychiatry_leader)
    html = client.get(reverse("initiatives:mine")).content.decode()
    # Socialpsykiatri comes before Område Ørum in the organisation's order (the seed's).
    assert "Du er leder af Socialpsykiatri, Område Ørum." in html
    assert (
        "Socialpsykiatri og Område Ørum er ikke ansvarlige for nogen tiltag og deltager ikke i "
        "nogen." in html
    )
