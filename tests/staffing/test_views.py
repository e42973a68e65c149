import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from staffing.models import StaffingSnapshot
from tests.staffing.factories import snapshot_with

ROLES = ["administrator", "leader_a", "leader_b", "omu_member", "committee_member"]


@pytest.fixture
def two_snapshots(bilag2, groups, areas):
    later = snapshot_with(
        {
            (areas["Område Grenå"], groups["Socialpædagog"]): "25.00",
            (areas["Område Grenå"], groups["Omsorgs- og pædagogmedhjælper"]): "10.00",
            (areas["Område Ørum"], groups["Socialpædagog"]): "14.00",
        },
        label="marts 2025",
        date=datetime.date(2025, 3, 31),
    )
    return bilag2, later


def _reading_urls(snapshot) -> list[str]:
    return [
        reverse("staffing:index"),
        reverse("staffing:snapshot", args=[snapshot.pk]),
        reverse("staffing:trend"),
        reverse("staffing:compare"),
    ]


@pytest.mark.django_db
def test_every_page_requires_login(client, bilag2):
    urls = [
        *_reading_urls(bilag2),
        reverse("staffing:export", args=[bilag2.pk]),
        reverse("staffing:import"),
        reverse("staffing:import_confirm"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_staffing_pages(client_for, two_snapshots, role):
    client = client_for(role)
    for url in _reading_urls(two_snapshots[0]):
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_a_user_without_a_role_is_refused_and_it_is_logged(client, bilag2, django_user_model):
    client.force_login(django_user_model.objects.create_user("uden_rolle", password="x" * 12))
    response = client.get(reverse("staffing:snapshot", args=[bilag2.pk]))
    assert response.status_code == 403
    denied = AuditEvent.objects.filter(kind=AuditEvent.Kind.ACCESS_DENIED)
    assert list(denied.values_list("target", flat=True)) == [f"staffing snapshot {bilag2.pk}"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("administrator", 200),
        ("leader_a", 200),
        ("leader_b", 200),
        ("omu_member", 200),
        ("committee_member", 403),
    ],
)
def test_export_is_for_the_organisation_not_the_committee(client_for, bilag2, role, status):
    response = client_for(role).get(reverse("staffing:export", args=[bilag2.pk]))
    assert response.status_code == status
    kind = AuditEvent.Kind.EXPORT if status == 200 else AuditEvent.Kind.ACCESS_DENIED
    assert AuditEvent.objects.filter(kind=kind, target__startswith="staffing snapshot").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("administrator", 200),
        ("leader_a", 403),
        ("leader_b", 403),
        ("omu_member", 403),
        ("committee_member", 403),
    ],
)
def test_only_administrators_import(client_for, bilag2, role, status):
    client = client_for(role)
    assert client.get(reverse("staffing:import")).status_code == status
    confirm = client.post(reverse("staffing:import_confirm"), {"action": "confirm"})
    assert confirm.status_code == (302 if status == 200 else 403)
    assert StaffingSnapshot.objects.count() == 1


@pytest.mark.django_db
def test_an_unknown_snapshot_is_404(client_for, bilag2):
    response = client_for("omu_member").get(reverse("staffing:snapshot", args=[bilag2.pk + 99]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_the_snapshot_page_is_shaped_like_bilag2(client_for, bilag2):
    html = client_for("omu_member").get(bilag2.get_absolute_url()).content.decode()
    assert "Personale, september 2024" in html
    assert "30. september 2024" in html
    assert '2,78 <span class="share">(10,29 %)</span>' in html
    assert "27,02" in html and "53,49" in html and "50,76" in html and "60,04" in html
    assert "64,05 %" in html  # trained overall
    assert "77,02 %" in html and "47,95 %" in html  # trained per area
    assert '<th scope="col"' in html and '<th scope="row">' in html and "<caption>" in html
    assert 'class="suppressed"' not in html  # exact figures in the app for staff by default


@pytest.mark.django_db
def test_the_committee_view_of_a_snapshot_hides_small_numbers(client_for, bilag2):
    url = bilag2.get_absolute_url() + "?smaa-tal=skjul"
    html = client_for("omu_member").get(url).content.decode()
    assert html.count('<span class="suppressed">skjult</span>') == 19
    assert ">0,81 " not in html


@pytest.mark.django_db
def test_committee_members_see_the_figures_their_pdf_prints_and_no_others(client_for, bilag2):
    client = client_for("committee_member")
    for url in [bilag2.get_absolute_url(), bilag2.get_absolute_url() + "?smaa-tal=vis"]:
        html = client.get(url).content.decode()
        # The nineteen of tests/staffing/test_suppression.py, as in the committee's PDF.
        assert html.count('<span class="suppressed">skjult</span>') == 19
        assert ">0,81 " not in html and ">2,65 " not in html and ">6,75 " not in html
        assert "Vis alle tal" not in html
        assert "64,05 %" in html  # 122,53 / 191,31: no total is hidden


@pytest.mark.django_db
def test_committee_members_compare_hidden_figures_as_hidden(client_for, bilag2, groups, areas):

    snapshot_with(
        {(areas["Område Ørum"], groups["Pædagogisk assistent"]): Decimal("0.50")},
        label="marts 2025",
        date=datetime.date(2025, 3, 31),
    )
    html = client_for("committee_member").get(reverse("staffing:compare")).content.decode()
    assert ">0,81 →" not in html and "→ 0,50<" not in html and "−0,31" not in html
    staff = client_for("omu_member").get(reverse("staffing:compare")).content.decode()
    assert ">0,81 → 0,50<" in staff  # 0,50 − 0,81 = −0,31


@pytest.mark.django_db
def test_the_setting_turns_suppression_on_in_the_app(client_for, bilag2, settings):
    settings.STAFFING_SUPPRESS_IN_APP = True
    settings.STAFFING_SMALL_NUMBER_THRESHOLD = Decimal("3.00")
    html = client_for("leader_a").get(bilag2.get_absolute_url()).content.decode()
    assert "Tal på 3,00 fuldtidsperson eller derunder" in html
    assert ">2,78 " not in html


@pytest.mark.django_db
def test_the_snapshot_page_shows_who_changed_a_figure(client_for, bilag2, administrator):
    figure = bilag2.figures.get(area__name="Område Grenå", group__name="Socialpædagog")
    figure._history_user = administrator
    figure.fte = Decimal("21.95")
    figure.save()
    html = client_for("leader_b").get(bilag2.get_absolute_url()).content.decode()
    assert "Ændret" in html and "Admin Testesen" in html and "21,95" in html


@pytest.mark.django_db
def test_the_trend_page_has_an_svg_chart_with_a_title_and_a_data_table(client_for, two_snapshots):
    html = client_for("omu_member").get(reverse("staffing:trend")).content.decode()
    assert "<svg" in html and "<title" in html and "Andel faguddannede pr. opgørelse" in html
    assert "<script" not in html.split("<main", 1)[1]
    assert 'style="' not in html
    # Grenå in March 2025: 25 of 35 trained.
    assert "71,43 %" in html and "63,79 %" in html
    assert "Der er kun én opgørelse" not in html


@pytest.mark.django_db
def test_the_trend_page_copes_with_a_single_snapshot(client_for, bilag2):
    html = client_for("committee_member").get(reverse("staffing:trend")).content.decode()
    assert "Der er kun én opgørelse (september 2024)" in html
    assert "64,05 %" in html


@pytest.mark.django_db
def test_the_trend_page_copes_with_no_snapshot(client_for, strategy_data):
    html = client_for("committee_member").get(reverse("staffing:trend")).content.decode()
    assert "Der er endnu ingen personaleopgørelser." in html


@pytest.mark.django_db
def test_the_comparison_shows_change_in_fte_and_percentage_points(client_for, two_snapshots):
    html = client_for("leader_a").get(reverse("staffing:compare")).content.decode()
    assert "Fra september 2024 til marts 2025" in html
    # Grenå Socialpædagog: 20,95 → 25,00 is +4,05 FTE; 41,27 % → 71,43 % is +30,16 pp.
    assert "20,95 → 25,00" in html and "+4,05" in html and "+30,16 pp" in html
    assert "−" in html  # a decrease has a real minus sign


@pytest.mark.django_db
def test_the_comparison_answers_htmx_with_the_partial_only(client_for, two_snapshots):
    before, after = two_snapshots
    response = client_for("omu_member").get(
        reverse("staffing:compare"),
        {"before": after.pk, "after": before.pk},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "Fra marts 2025 til september 2024" in html
    # The same address answers a page too, so caches must keep the two apart.
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
def test_going_back_to_a_pushed_comparison_gets_the_whole_page(client_for, two_snapshots):
    """htmx restoring its history after hx-push-url asks for the page, not the partial."""
    before, after = two_snapshots
    response = client_for("omu_member").get(
        reverse("staffing:compare"),
        {"before": after.pk, "after": before.pk},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    html = response.content.decode()
    assert "<html" in html and "Fra marts 2025 til september 2024" in html
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"before": "abc", "after": "1"}, "Vælg en af opgørelserne på listen."),
        ("same", "Vælg to forskellige opgørelser."),
    ],
)
def test_a_bad_comparison_is_400_in_danish(client_for, two_snapshots, query, message):
    if query == "same":
        query = {"before": two_snapshots[0].pk, "after": two_snapshots[0].pk}
    response = client_for("omu_member").get(reverse("staffing:compare"), query)
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.django_db
def test_the_comparison_needs_two_snapshots(client_for, bilag2):
    html = client_for("omu_member").get(reverse("staffing:compare")).content.decode()
    assert "Der skal være mindst to opgørelser" in html


@pytest.mark.django_db
def test_the_trained_share_appears_on_objective_4_2_only(client_for, two_snapshots):
    client = client_for("committee_member")
    html = client.get(reverse("pages:objective", args=[4, 2])).content.decode()
    assert "Andel faguddannede i botilbuddene" in html
    assert "faguddannede i opgørelsen marts 2025" in html
    other = client.get(reverse("pages:objective", args=[4, 1])).content.decode()
    assert "Andel faguddannede" not in other


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_menu_shows_personale_to_every_role(client_for, bilag2, role):
    assert reverse("staffing:index") in client_for(role).get("/").content.decode()


def _many_snapshots(bilag2, groups, areas, count: int) -> None:
    for n in range(count - 1):
        snapshot_with(
            {
                (areas["Område Grenå"], groups["Socialpædagog"]): f"{20 + n}.50",
                (areas["Socialpsykiatri"], groups["Sygeplejerske"]): "1.25",
            },
            date=datetime.date(2025, 1, 1) + datetime.timedelta(days=31 * n),
        )


# Session, user and the permission check's groups (3) come with every page; the rest is the
# page's own fixed set of queries.
@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 20])
@pytest.mark.parametrize(
    ("page", "expected"),
    [("index", 4), ("snapshot", 9), ("trend", 7), ("compare", 14)],
)
def test_page_query_counts_do_not_grow_with_snapshots(
    client_for, bilag2, groups, areas, django_assert_num_queries, count, page, expected
):
    _many_snapshots(bilag2, groups, areas, count)
    assert StaffingSnapshot.objects.count() == count
    url = {
        "index": reverse("staffing:index"),
        "snapshot": bilag2.get_absolute_url(),
        "trend": reverse("staffing:trend"),
        "compare": reverse("staffing:compare"),
    }[page]
    client = client_for("omu_member")
    client.get(url)  # warm the session
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_administrators_change_which_groups_count_as_trained_in_the_admin(client_for, groups):
    helper = groups["Omsorgs- og pædagogmedhjælper"]
    url = reverse("admin:staffing_staffgroup_change", args=[helper.pk])
    data = {"name": helper.name, "is_trained": "on", "order": helper.order, "note": ""}
    assert client_for("administrator").post(url, data).status_code == 302
    helper.refresh_from_db()
    assert helper.is_trained
    assert helper.history.first().history_user.username == "admin_user"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["leader_a", "omu_member", "committee_member"])
def test_other_roles_cannot_change_groups_in_the_admin(client_for, groups, role):
    helper = groups["Omsorgs- og pædagogmedhjælper"]
    url = reverse("admin:staffing_staffgroup_change", args=[helper.pk])
    client_for(role).post(url, {"name": "Pilot", "is_trained": "on", "order": 1})
    helper.refresh_from_db()
    assert helper.name == "Omsorgs- og pædagogmedhjælper" and not helper.is_trained


@pytest.mark.django_db
def test_the_trend_page_shows_the_newest_counts_and_all_on_request(
    client_for, bilag2, groups, areas
):
    from staffing.views import TREND_SHOWN

    _many_snapshots(bilag2, groups, areas, TREND_SHOWN + 3)
    client = client_for("omu_member")
    html = client.get(reverse("staffing:trend")).content.decode()
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    assert body.count("<tr>") == TREND_SHOWN
    oldest = StaffingSnapshot.objects.chronological().first()
    assert oldest.get_absolute_url() not in body
    assert f"Viser de seneste {TREND_SHOWN} af {TREND_SHOWN + 3} opgørelser." in html
    whole = client.get(reverse("staffing:trend") + "?alle=1").content.decode()
    assert whole[whole.index("<tbody>") :].count("<tr>") == TREND_SHOWN + 3
    assert oldest.get_absolute_url() in whole and "Vis kun de seneste opgørelser" in whole
