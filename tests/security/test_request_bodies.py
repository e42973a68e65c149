"""Request bodies are bounded, and no body is parsed before the CSRF and login checks."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def test_an_oversized_body_gets_413_before_it_is_read():
    # Declares 64 MB and sends 10 bytes: a server that waited for the body would hang or
    # spool; the answer comes from the declared length alone.
    response = Client().generic(
        "POST",
        reverse("login"),
        data=b"x" * 10,
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(64 * MB),
    )
    assert response.status_code == 413
    assert "Forespørgslen er for stor; den må højst fylde 3 MB." in response.content.decode()


def test_a_body_just_over_the_limit_gets_413_and_one_at_the_limit_does_not(settings):
    settings.MAX_REQUEST_BODY_BYTES = 3 * MB
    client = Client()
    over = client.generic(
        "POST", reverse("login"), data=b"x" * (3 * MB + 1), content_type="text/plain"
    )
    at = client.generic("POST", reverse("login"), data=b"x" * (3 * MB), content_type="text/plain")
    assert over.status_code == 413
    assert (
        over["Content-Type"] == "text/plain; charset=utf-8"
    )  # "Forespørgslen", not "ForespÃ¸rgslen"
    assert at.status_code == 200  # on to the login view, which shows its form again


def test_a_length_that_is_not_a_number_gets_400():
    response = Client().generic(
        "POST", reverse("login"), data=b"x", content_type="text/plain", CONTENT_LENGTH="lots"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_an_anonymous_post_is_refused_by_csrf_before_its_form_data_is_read():
    # A NUL in the form data would give 400 if anything parsed the body first.
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("initiatives:list"), {"text": "a\x00b"})
    assert response.status_code == 403


def test_a_logged_in_post_without_csrf_token_is_refused_before_its_form_data_is_read(
    omu_member,
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(omu_member)
    response = client.post(reverse("initiatives:list"), {"text": "a\x00b"})
    assert response.status_code == 403


def test_an_anonymous_post_with_a_csrf_token_is_sent_to_login_before_its_data_is_read():
    client = Client()  # the token check passes
    response = client.post(reverse("initiatives:list"), {"text": "a\x00b"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_form_data_and_uploads_are_bounded_in_settings(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 1 * MB
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == 3 * MB  # uploads are never spooled to disk
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == 1
