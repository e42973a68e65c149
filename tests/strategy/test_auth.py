import pytest
from django.urls import reverse

from tests.conftest import PASSWORD


@pytest.mark.django_db
def test_it_logs_in_with_the_right_password(client, leader_a):
    response = client.post(reverse("login"), {"username": "leder_a", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:landing")
    # A leader lands on their own work (the rule of issue 15: each role lands on its own work).
    assert client.get(response["Location"])["Location"] == reverse("initiatives:mine")


@pytest.mark.django_db
def test_the_bare_address_as_next_leads_to_the_landing_too(client, leader_a):
    response = client.post(
        reverse("login") + "?next=/", {"username": "leder_a", "password": PASSWORD}
    )
    assert response["Location"] == reverse("reports:landing")


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["leder_a", "findes_ikke"])
def test_a_wrong_password_gets_the_same_danish_message(client, leader_a, username):
    response = client.post(reverse("login"), {"username": username, "password": "forkert"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Indtast venligst korrekt brugernavn og adgangskode" in html
    assert "findes ikke" not in html.split("<main", 1)[1].lower().replace("findes_ikke", "")


@pytest.mark.django_db
def test_logout_is_a_post_and_ends_the_session(client, leader_a):
    client.force_login(leader_a)
    session_key = client.session.session_key
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=session_key).exists()
    assert client.get("/").status_code == 302
