"""django-axes locks an account out after repeated failures; every login event is logged."""

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _post_login(client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def _kinds(username: str) -> list[str]:
    return list(
        AuditEvent.objects.filter(username=username).order_by("pk").values_list("kind", flat=True)
    )


def test_a_successful_login_writes_a_login_row_with_ip_and_backend(client, leader_a):
    assert _post_login(client, "leder_a", PASSWORD).status_code == 302
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN)
    assert (event.user, event.username, event.ip_address) == (leader_a, "leder_a", "127.0.0.1")
    assert event.details["backend"] == "accounts.backends.StaffModelBackend"


def test_a_failed_login_writes_a_row_without_the_password(client, leader_a):
    assert _post_login(client, "leder_a", "gaet-igen-123").status_code == 200
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN_FAILED)
    assert event.username == "leder_a"
    assert event.user is None
    assert "gaet-igen-123" not in str(event.details) + event.path + event.target


def test_logging_out_writes_a_logout_row(client, leader_a):
    _post_login(client, "leder_a", PASSWORD)
    client.post(reverse("logout"))
    assert _kinds("leder_a") == ["login", "logout"]


def test_repeated_failures_lock_the_account_out_with_a_danish_page(client, leader_a):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _post_login(client, "leder_a", "forkert").status_code == 200

    response = _post_login(client, "leder_a", "forkert")

    assert response.status_code == 429
    assert "Kontoen er midlertidigt spærret" in response.content.decode()
    assert (
        AuditEvent.objects.filter(kind=AuditEvent.Kind.LOCKED_OUT, username="leder_a").count() == 1
    )
    assert _kinds("leder_a").count("login_failed") == settings.AXES_FAILURE_LIMIT


def test_a_locked_out_account_is_refused_even_with_the_right_password(client, leader_a):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post_login(client, "leder_a", "forkert")

    response = _post_login(client, "leder_a", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN).exists()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOCKED_OUT).count() == 2


def test_the_lock_out_of_one_account_leaves_another_account_alone(client, leader_a, leader_b):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post_login(client, "leder_a", "forkert")
    assert _post_login(client, "leder_b", PASSWORD).status_code == 302


def test_failures_below_the_limit_are_forgotten_after_a_successful_login(client, leader_a):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _post_login(client, "leder_a", "forkert")
    assert _post_login(client, "leder_a", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _post_login(client, "leder_a", "forkert").status_code == 200


@pytest.mark.parametrize("length", [151, 256, 5_000])
def test_an_overlong_username_is_an_ordinary_failed_login(client, leader_a, length):
    response = _post_login(client, "x" * length, PASSWORD)
    assert response.status_code == 200
    assert "Indtast venligst korrekt brugernavn og adgangskode" in response.content.decode()
