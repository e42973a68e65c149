import pytest
from django.urls import reverse

from strategy.models import Theme

ROLES = ["administrator", "leader_a", "leader_b", "omu_member", "committee_member"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        reverse("pages:overview"),
        reverse("pages:theme", args=[2]),
        reverse("pages:objective", args=[4, 2]),
    ],
)
def test_it_requires_login(client, strategy_data, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_overview_in_danish(client_for, role):
    response = client_for(role).get(reverse("pages:overview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="da"' in html
    for theme in Theme.objects.all():
        assert theme.title in html
        assert theme.motto in html
    assert "4.3" in html
    assert "16. januar 2024" in html
    assert "Tilgængelighedserklæring" in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_a_theme_page(client_for, role):
    response = client_for(role).get(reverse("pages:theme", args=[4]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Helhed og fremtidssikring" in html
    assert "Om pejlemærket" in html
    assert "Organisatorisk medlemskab, OLFA" in html
    assert "<h3>Tværgående samarbejde</h3>" in html
    assert "Vi har de kompetencer, som skal til" in html


@pytest.mark.django_db
def test_objective_page_shows_the_objective_under_its_theme(client_for):
    response = client_for("omu_member").get(reverse("pages:objective", args=[2, 4]))
    assert response.status_code == 200
    assert "Målsætning 2.4" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/pejlemaerker/9/", "/pejlemaerker/1/maalsaetninger/9/", "/findes-ikke/"]
)
def test_unknown_pages_answer_404_in_danish(client_for, url):
    response = client_for("leader_a").get(url)
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()


@pytest.mark.django_db
def test_500_page_is_danish_and_standalone(client):
    from pages.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "Der opstod en fejl" in response.content.decode()


@pytest.mark.django_db
def test_the_menu_shows_administration_only_to_administrators(client_for):
    admin_link = reverse("admin:index")
    assert admin_link in client_for("administrator").get("/").content.decode()
    for role in ["leader_a", "omu_member", "committee_member"]:
        assert admin_link not in client_for(role).get("/").content.decode()


@pytest.mark.django_db
def test_accessibility_statement_is_public(client):
    response = client.get(reverse("pages:accessibility"))
    assert response.status_code == 200
    assert "webtilgængelighedsloven" in response.content.decode()


@pytest.mark.django_db
def test_overview_query_count_is_pinned(client_for, django_assert_num_queries):
    client = client_for("committee_member")
    client.get("/")  # warm the session
    # session, user, the permission checks' groups (rules), the half-year (open, else last
    # closed) and the data stamp: the content is cached as HTML under the stamp (warmed by the
    # first request), the session's idle timeout was renewed by it too.
    with django_assert_num_queries(5):
        client.get(reverse("pages:overview"))


@pytest.mark.django_db
def test_theme_page_query_count_is_pinned(client_for, django_assert_num_queries):
    client = client_for("leader_b")
    # The initiatives' block adds the half-year (open, else last closed), initiatives and
    # their målsætninger; the first request after login renews the session's idle timeout
    # (savepoint, update, release).
    with django_assert_num_queries(14):
        client.get(reverse("pages:theme", args=[1]))


@pytest.mark.django_db
def test_a_user_without_a_role_reads_the_strategy_but_not_the_status(client, strategy_data):
    """Signed in before an administrator gave a role (e.g. through single sign-on): the
    pejlemærker and målsætninger, but no half-year status, indicators or staffing."""
    from django.contrib.auth import get_user_model

    from staffing.services import staffing_load_bilag2
    from tests.initiatives.factories import PeriodFactory

    PeriodFactory(year=2026, half=2, is_open=True)
    staffing_load_bilag2()
    client.force_login(get_user_model().objects.create_user("ny_bruger", password="x" * 20))
    note = "Du har endnu ingen rolle i strategiværktøjet"
    pages = {
        reverse("pages:overview"): ("Helhed og fremtidssikring", 'id="status-heading"'),
        reverse("pages:theme", args=[4]): ("Om pejlemærket", 'id="tiltag-status"'),
        reverse("pages:objective", args=[4, 2]): ("Målsætning 4.2", "Andel faguddannede"),
    }
    for url, (shown, hidden) in pages.items():
        html = client.get(url).content.decode()
        assert (shown in html, note in html, hidden in html) == (True, True, False), url
    # A role shows the status where the note was (the same pages, an OMU member).
    from accounts import roles
    from tests.conftest import _user

    client.force_login(_user("omu_ny", roles.OMU_MEMBER))
    for url, (shown, hidden) in pages.items():
        html = client.get(url).content.decode()
        assert (shown in html, note in html, hidden in html) == (True, False, True), url
