"""Login throttling behind the reverse proxy: locks follow the client's address, not the
proxy's; one address spraying many usernames locks those usernames there, not everyone; and
no one can hold a lock past its cool-off."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"  # REMOTE_ADDR of every request that comes through the proxy


def login(client, username: str, password: str, *, forwarded_for: str | None = None):
    headers = {"REMOTE_ADDR": PROXY}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post(reverse("login"), {"username": username, "password": password}, **headers)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_IP_FAILURE_LIMIT = 20


def test_behind_the_proxy_a_locked_user_can_still_log_in_from_another_client(
    client, leader_a, behind_proxy
):
    for _ in range(5):
        login(client, "leder_a", "forkert", forwarded_for="192.0.2.10")
    assert login(client, "leder_a", PASSWORD, forwarded_for="192.0.2.10").status_code == 429

    response = login(client, "leder_a", PASSWORD, forwarded_for="192.0.2.20")

    assert response.status_code == 302


def test_behind_the_proxy_the_audit_row_has_the_clients_address_not_a_forged_one(
    client, leader_a, behind_proxy
):
    # The client wrote 203.0.113.9 itself; the proxy appended the address it saw.
    login(client, "leder_a", "forkert", forwarded_for="203.0.113.9, 192.0.2.10")
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN_FAILED)
    assert event.ip_address == "192.0.2.10"


def test_a_forged_forwarded_for_does_not_dodge_the_lock_behind_the_proxy(
    client, leader_a, behind_proxy
):
    for n in range(5):
        login(client, "leder_a", "forkert", forwarded_for=f"203.0.113.{n}, 192.0.2.10")
    response = login(client, "leder_a", PASSWORD, forwarded_for="203.0.113.99, 192.0.2.10")
    assert response.status_code == 429


def test_without_the_proxy_setting_forwarded_for_is_ignored(client, leader_a, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.AXES_FAILURE_LIMIT = 5
    for n in range(5):
        login(client, "leder_a", "forkert", forwarded_for=f"192.0.2.{n}")

    response = login(client, "leder_a", PASSWORD, forwarded_for="192.0.2.99")

    assert response.status_code == 429
    assert set(
        AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN_FAILED).values_list(
            "ip_address", flat=True
        )
    ) == {PROXY}


def test_one_address_trying_many_usernames_locks_those_usernames_not_everyone_there(
    client, leader_a, leader_b, behind_proxy
):
    # 20 usernames, one attempt each: the per-user limit of 5 is never reached. Leader A was
    # one of them; leader B, behind the same address, never typed a wrong password.
    for n in range(19):
        login(client, f"bruger{n}", "Sommer2025!", forwarded_for="192.0.2.66")
    login(client, "leder_a", "Sommer2025!", forwarded_for="192.0.2.66")

    locked = login(client, "leder_a", PASSWORD, forwarded_for="192.0.2.66")
    second_guess = login(client, "bruger3", "Vinter2025!", forwarded_for="192.0.2.66")
    colleague = login(client, "leder_b", PASSWORD, forwarded_for="192.0.2.66")
    elsewhere = login(client, "leder_a", PASSWORD, forwarded_for="192.0.2.67")

    assert locked.status_code == 429
    assert "Kontoen er midlertidigt spærret" in locked.content.decode()
    assert second_guess.status_code == 429
    assert colleague.status_code == 302
    assert elsewhere.status_code == 302


def test_one_address_under_the_spraying_limit_is_not_locked(client, leader_a, behind_proxy):
    for n in range(19):
        login(client, f"bruger{n}", "Sommer2025!", forwarded_for="192.0.2.66")

    assert login(client, "leder_a", PASSWORD, forwarded_for="192.0.2.66").status_code == 302


def test_without_the_proxy_setting_spraying_from_one_address_is_locked(client, leader_a, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.AXES_IP_FAILURE_LIMIT = 20
    for n in range(20):
        login(client, f"bruger{n}", "Sommer2025!")

    assert login(client, "bruger0", "Vinter2025!").status_code == 429
    assert login(client, "leder_a", PASSWORD).status_code == 302


def test_attempts_during_a_lock_never_extend_it_and_it_lifts_after_the_cool_off(
    client, leader_a, behind_proxy, settings
):
    """Five failures lock leader A at 192.0.2.10. Then the attacker keeps trying (and the
    victim tries the right password): none of it is counted, the lock's row is unchanged, and
    once AXES_COOLOFF_MINUTES (15) have passed since the fifth failure the right password
    logs in, not 10 s before. The passing of time is the row's failure time moved back."""
    import datetime

    from axes.models import AccessAttempt

    for _ in range(5):
        login(client, "leder_a", "forkert", forwarded_for="192.0.2.10")
    attempt = AccessAttempt.objects.get(username="leder_a")
    locked_at = attempt.attempt_time
    for _ in range(30):
        assert login(client, "leder_a", "forkert", forwarded_for="192.0.2.10").status_code == 429
    assert login(client, "leder_a", PASSWORD, forwarded_for="192.0.2.10").status_code == 429
    attempt.refresh_from_db()
    assert (attempt.failures_since_start, attempt.attempt_time) == (5, locked_at)

    AccessAttempt.objects.filter(pk=attempt.pk).update(
        attempt_time=locked_at - datetime.timedelta(minutes=14, seconds=50)
    )
    assert login(client, "leder_a", PASSWORD, forwarded_for="192.0.2.10").status_code == 429
    AccessAttempt.objects.filter(pk=attempt.pk).update(
        attempt_time=locked_at - datetime.timedelta(minutes=15, seconds=1)
    )
    assert login(client, "leder_a", PASSWORD, forwarded_for="192.0.2.10").status_code == 302
