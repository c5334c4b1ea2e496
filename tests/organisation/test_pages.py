import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from samskab.organisation.models import Body, Membership, TermOfOffice

from .. import factories as f

pytestmark = pytest.mark.django_db


def test_front_page_answers_in_danish_by_default(client, world):
    response = client.get("/")
    assert response.status_code == 200
    assert b'<html lang="da">' in response.content
    assert "Igangværende opgaveudvalg" in response.content.decode()
    assert "Klimatilpasning" in response.content.decode()


def test_front_page_switches_to_english_and_back(client, world):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    assert "Running task committees" in page
    client.post("/i18n/setlang/", {"language": "da", "next": "/"})
    assert '<html lang="da">' in client.get("/").content.decode()


def test_front_page_ignores_browser_language(client, world):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="da">' in page


def test_body_page_shows_current_and_former_members_without_private_data(client, world):
    page = client.get("/udvalg/klima/").content.decode()
    assert "Birgitte Borgmester" in page
    assert "Cecilie Borger" in page
    assert "Tidligere medlemmer" in page
    assert "Frida Fhv" in page
    assert "cecilie@private.example.org" not in page
    assert "+45 11 22 33 44" not in page
    assert "1984" not in page


def test_bodies_list_filters_by_kind(client, world):
    page = client.get("/udvalg/?kind=standing_committee").content.decode()
    assert "Teknik- og Miljøudvalget" in page
    assert "Klimatilpasning" not in page


def test_bodies_list_refuses_unknown_kind_with_reason(client, world):
    response = client.get("/udvalg/?kind=nonsense")
    assert response.status_code == 400
    assert "Ukendt type" in response.content.decode()


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999", "1.5", "%FF"])
def test_bodies_list_survives_bad_page_numbers(client, world, page):
    assert client.get(f"/udvalg/?page={page}").status_code == 200


def test_nul_characters_are_refused_with_400(client, world):
    assert client.get("/udvalg/?page=%00").status_code == 400
    response = client.post(
        "/api/v1/dhondt",
        '{"seats": 1, "groups": [{"name": "\\u0000", "size": 1}]}',
        content_type="application/json",
    )
    assert response.status_code == 400


def test_unknown_body_is_404(client, world):
    assert client.get("/udvalg/findes-ikke/").status_code == 404


def test_person_page_is_public_for_members_only(client, world):
    assert client.get(f"/personer/{world.citizen.pk}/").status_code == 200
    assert client.get(f"/personer/{world.applicant.pk}/").status_code == 404
    assert client.get("/personer/999999/").status_code == 404


def test_person_page_pages_through_a_long_career(client, world):
    for year in range(1960, 2020):
        f.MembershipFactory(
            person=world.citizen,
            start_date=dt.date(year, 1, 1),
            end_date=dt.date(year, 12, 31),
        )
    first = client.get(f"/personer/{world.citizen.pk}/").content.decode()
    assert "Side 1 af 2" in first
    assert "Klimatilpasning" in first  # the current seat, on every page
    assert "31. december 2019" in first
    assert "31. december 1969" not in first
    last = client.get(f"/personer/{world.citizen.pk}/?former=2").content.decode()
    assert "31. december 1969" in last
    assert "Klimatilpasning" in last


def test_person_page_shows_no_private_fields(client, world):
    page = client.get(f"/personer/{world.citizen.pk}/").content.decode()
    assert "Cecilie Borger" in page
    assert "cecilie@private.example.org" not in page
    assert "+45 11 22 33 44" not in page


def test_council_page_lists_groups_with_sizes_and_constitution(client, world):
    response = client.get("/kommunalbestyrelsen/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Konservative" in page
    assert "Birgitte Borgmester" in page
    assert response.context["seat_total"] == 2
    constitution = response.context["constitution"]
    assert constitution["seats"] == 5
    assert sum(constitution["result"].seats.values()) == 5


def test_membership_end_before_start_is_refused():
    membership = Membership(start_date=dt.date(2026, 5, 1), end_date=dt.date(2026, 4, 1))
    with pytest.raises(ValidationError) as error:
        membership.clean()
    assert "end_date" in error.value.message_dict


def test_body_and_term_end_before_start_is_refused():
    with pytest.raises(ValidationError):
        Body(start_date=dt.date(2026, 5, 1), end_date=dt.date(2026, 4, 1)).clean()
    with pytest.raises(ValidationError):
        TermOfOffice(start_date=dt.date(2026, 5, 1), end_date=dt.date(2026, 4, 1)).clean()


def test_admin_refuses_membership_ending_before_it_starts(client, world):
    client.force_login(world.secretariat_user)
    response = client.post(
        "/admin/organisation/membership/add/",
        {
            "person": world.citizen.pk,
            "body": world.other_task.pk,
            "role": "member",
            "basis": "appointed",
            "start_date": "01.05.2026",
            "end_date": "01.04.2026",
            "note": "kept",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Slutdatoen kan ikke ligge før startdatoen." in page
    assert 'value="kept"' in page


def test_admin_never_deletes_memberships(client, world):
    client.force_login(world.secretariat_user)
    membership = Membership.objects.first()
    response = client.post(
        f"/admin/organisation/membership/{membership.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_admin_is_in_danish_for_the_secretariat(client, world):
    client.force_login(world.secretariat_user)
    page = client.get("/admin/").content.decode()
    assert "Sekretariatets" in page


def _organisation_pages(data):
    urls = {
        "front page": "/",
        "bodies": "/udvalg/",
        "task committees": "/udvalg/?kind=task_committee",
        "active bodies": "/udvalg/?status=active",
        "ended bodies, page 2": "/udvalg/?status=ended&page=2",
        "a standing committee": f"/udvalg/{data.standing.slug}/",
        "a council member": f"/personer/{data.council_member.pk}/",
        "council": "/kommunalbestyrelsen/",
        "d'Hondt for the council": "/dhondt/?council=1",
    }
    pages = {
        f"{who}: {name}": (who, url)
        for who in ("anonymous", "secretariat")
        for name, url in urls.items()
    }
    # The longest-serving council member's own page lists every seat they ever held.
    pages["council member: my page"] = ("council member", "/konto/?former=2")
    return pages
