"""A key sent as ?token= is refused with a 400 that points to the Authorization header, and is
written to no log: the app logs paths only, and the access log is configured without queries."""

import logging
from pathlib import Path

import pytest
import yaml
from django.test import Client

pytestmark = pytest.mark.django_db

SECRET = "so_hemmelig-noegle-123"


@pytest.mark.parametrize("name", ["token", "access_token", "api_key"])
def test_a_key_in_the_query_string_is_refused_and_never_logged(data, caplog, name):
    with caplog.at_level(logging.DEBUG):
        response = Client().get("/api/v1/tiltag", {name: SECRET})
    assert response.status_code == 400
    assert response.json() == {
        "detail": 'Send ikke API-nøglen i adressen. Brug headeren "Authorization: Bearer <nøgle>".'
    }
    assert SECRET not in caplog.text
    assert "api_call method=GET path=/api/v1/tiltag status=400" in caplog.text


def test_the_access_log_leaves_query_strings_out():
    compose = yaml.safe_load((Path(__file__).parents[2] / "docker-compose.yml").read_text())
    command = " ".join(compose["services"]["web"]["command"])
    log_format = command.split("--access-logformat", 1)[1]
    assert "%(U)s" in log_format
    assert "%(r)s" not in log_format and "%(q)s" not in log_format


def test_a_pdf_fetched_with_a_key_is_audited_with_the_keys_name(data):
    import datetime

    from django.core.files.base import ContentFile

    from accounts.models import AuditEvent
    from api.services import api_token_create
    from reports.models import Audience, Report

    report = Report(
        period=data["closed"],
        audience=Audience.COMMITTEE,
        version=2,
        stage=Report.Stage.PUBLISHED,
        status=Report.Status.DONE,
        sha256="a" * 64,
        requested_by=data["admin"],
    )
    report.file.save("udvalg.pdf", ContentFile(b"%PDF-1.7 udvalget"), save=False)
    report.save()
    token, raw = api_token_create(
        name="Power BI", scope="offentlig", expires_on=datetime.date(2099, 1, 1), user=data["admin"]
    )
    response = Client().get(
        f"/api/v1/rapporter/{report.pk}/pdf", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 200
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.REPORT_DOWNLOAD)
    assert event.target == f"{report} (API, nøgle ”Power BI” (token:{token.pk}))"
