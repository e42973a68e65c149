"""The public page is kept and served to anyone: it sets no cookie and carries no CSRF token,
and a signed-in reader's visit renders it as anyone's (no name, no token)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_public_page_sets_no_cookie_and_carries_no_csrf_token(data, settings):
    settings.PUBLIC_STATUS_PAGE = True
    admin = Client()
    admin.force_login(data["admin"])
    first = admin.get("/offentlig/")  # the first visit renders the page that is kept
    anonymous = Client().get("/offentlig/")
    for response in (first, anonymous):
        assert response.status_code == 200
        body = response.content.decode()
        assert "Tiltag 0" in body
        assert "csrf" not in body.lower()
        assert "Admin Testesen" not in body and "admin_user" not in body
    assert anonymous.cookies == {}
    assert "csrftoken" not in first.cookies
