"""The meeting pages through Django's test client: forms, refusals next to their fields, what
each visitor sees, and a bounded number of queries whatever the number of meetings."""

import datetime as dt

import pytest
from django.utils import timezone

from samskab.core.access import AccessLevel
from samskab.meetings import services
from samskab.meetings.models import AgendaItem, Meeting

from .conftest import ago, at

pytestmark = pytest.mark.django_db


def _form(day, **extra):
    data = {
        "body": "",
        "title": "Udvalgsmøde",
        "date": day.isoformat(),
        "start_time": "17:00",
        "end_time": "19:00",
        "place": "Mødelokale A",
    }
    data.update(extra)
    return data


def test_plan_page_plans_a_meeting_in_local_time(world, client):
    client.force_login(world.secretariat_user)
    day = timezone.localdate() + dt.timedelta(days=14)
    response = client.post("/moeder/ny/", _form(day, body=world.standing.pk))
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/moeder/{meeting.pk}/"
    assert meeting.start == at(day, 17)
    assert meeting.access_level == AccessLevel.PUBLIC


def test_plan_page_refuses_an_end_before_the_start_and_keeps_the_input(world, client):
    client.force_login(world.secretariat_user)
    day = timezone.localdate() + dt.timedelta(days=14)
    response = client.post(
        "/moeder/ny/", _form(day, body=world.standing.pk, end_time="16:00", title="Mit møde")
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Mit møde"' in page
    assert 'id="id_end_time_error"' in page
    assert Meeting.objects.count() == 0


def test_plan_page_warns_of_a_double_booked_room_and_books_it_when_confirmed(world, client, plan):
    client.force_login(world.secretariat_user)
    day = timezone.localdate() + dt.timedelta(days=14)
    plan(place="Mødelokale A", start=at(day, 18), title="Klimamøde")
    warned = client.post("/moeder/ny/", _form(day, body=world.standing.pk))
    page = warned.content.decode()
    assert warned.status_code == 400
    assert "Klimamøde" in page
    assert 'name="allow_double_booking"' in page
    assert 'value="Mødelokale A"' in page
    booked = client.post(
        "/moeder/ny/", _form(day, body=world.standing.pk, allow_double_booking="on")
    )
    assert booked.status_code == 302
    assert Meeting.objects.count() == 2


def test_series_page_plans_every_third_tuesday(world, client):
    client.force_login(world.secretariat_user)
    data = _form(
        dt.date(2031, 1, 21),
        body=world.task.pk,
        repeat="monthly_weekday",
        until="2031-06-30",
        place="",
    )
    response = client.post("/moeder/serie/ny/", data)
    assert response.status_code == 302
    days = [timezone.localtime(m.start).date() for m in Meeting.objects.order_by("start")]
    assert days == [
        dt.date(2031, 1, 21),
        dt.date(2031, 2, 18),
        dt.date(2031, 3, 18),
        dt.date(2031, 4, 15),
        dt.date(2031, 5, 20),
        dt.date(2031, 6, 17),
    ]


def test_edit_page_refuses_a_stale_edit_and_keeps_the_typed_title(world, client, plan):
    meeting = plan(body=world.standing)
    client.force_login(world.secretariat_user)
    services.update_meeting(world.secretariat_user, meeting, title="Ændret af en anden")
    local_start = timezone.localtime(meeting.start)
    response = client.post(
        f"/moeder/{meeting.pk}/rediger/",
        {
            "kind": meeting.kind,
            "title": "Min titel",
            "date": local_start.date().isoformat(),
            "start_time": "17:00",
            "end_time": "19:00",
            "access_level": meeting.access_level,
            "sequence": "0",
        },
    )
    assert response.status_code == 400
    assert 'value="Min titel"' in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.title == "Ændret af en anden"


def test_meeting_page_shows_closed_items_to_members_only(meetings, client):
    w = meetings
    url = f"/moeder/{w.klima_meeting.pk}/"
    client.force_login(w.citizen_user)
    page = client.get(url).content.decode()
    assert "Lukket punkt om grundkøb" in page
    assert "<title>Klimamøde · " in page
    # A council member who is not on the committee sees neither the meeting nor the item;
    # make the meeting public and she sees the open items only.
    w.klima_meeting.access_level = AccessLevel.PUBLIC
    w.klima_meeting.save()
    client.force_login(w.other_citizen_user)
    page = client.get(url).content.decode()
    assert "Velkomst" in page
    assert "Lukket punkt om grundkøb" not in page


def test_frozen_minutes_cannot_be_edited_through_the_page(world, client, plan):
    meeting = plan(body=world.standing, start=ago(days=2))
    item = services.add_item(world.secretariat_user, meeting, title="Punkt")
    services.write_minutes(world.secretariat_user, item, text="Vedtaget.")
    services.approve_minutes(world.secretariat_user, item)
    client.force_login(world.secretariat_user)
    response = client.post(
        f"/moeder/{meeting.pk}/punkter/1/referat/", {"i1-minutes": "Ændret"}, follow=True
    )
    item.refresh_from_db()
    assert item.minutes == "Vedtaget."
    assert response.status_code == 200
    assert "frozen" in response.content.decode() or "låst" in response.content.decode()


def test_minutes_page_flow_saves_then_approves(world, client, plan):
    meeting = plan(body=world.standing, start=ago(days=2))
    services.add_item(world.secretariat_user, meeting, title="Punkt")
    client.force_login(world.secretariat_user)
    client.post(f"/moeder/{meeting.pk}/punkter/1/referat/", {"i1-minutes": "Godkendt."})
    client.post(f"/moeder/{meeting.pk}/punkter/1/godkend/")
    item = AgendaItem.objects.get()
    assert item.minutes == "Godkendt."
    assert item.minutes_approved_by == world.secretariat_user


def test_month_view_places_meetings_on_their_local_day(world, client, plan):
    # 23.30 local on 31 March is 21.30 UTC the same day; 00.30 local on 1 April is 31 March UTC.
    plan(body=world.standing, title="Sent møde", start=at(dt.date(2031, 3, 31), 22), hours=1)
    plan(body=world.standing, title="Natmøde", start=at(dt.date(2031, 4, 1), 0, 30), hours=1)
    march = client.get("/moeder/kalender/?maaned=2031-03").content.decode()
    april = client.get("/moeder/kalender/?maaned=2031-04").content.decode()
    assert "Sent møde" in march
    assert "Natmøde" not in march
    assert "Natmøde" in april


def test_front_page_shows_public_and_my_next_meetings(meetings, client):
    w = meetings
    page = client.get("/").content.decode()
    assert "Teknik- og Miljøudvalgets møde" in page
    assert "Klimamøde" not in page
    client.force_login(w.citizen_user)
    page = client.get("/").content.decode()
    assert "Klimamøde" in page
    mine = client.get("/konto/").content.decode()
    assert "Klimamøde" in mine
    assert "/konto/kalender/" in mine


def test_task_committee_page_shows_its_meetings(meetings, client):
    from tests.access_matrix import task_processes

    task_processes(meetings)
    client.force_login(meetings.citizen_user)
    page = client.get("/opgaveudvalg/klima/").content.decode()
    assert "Klimamøde" in page
    client.logout()
    assert "Klimamøde" not in client.get("/opgaveudvalg/klima/").content.decode()


# --- a bounded number of queries at two data sizes -----------------------------------------


def _many(world, n):
    """n meetings of each kind the pages list, each with three items (one closed)."""
    staff = world.secretariat_user
    base = timezone.localdate()
    for i in range(n):
        for body in (world.task, world.standing):
            meeting = services.plan_meeting(
                staff,
                body=body,
                title=f"Møde {i}",
                start=at(base + dt.timedelta(days=i % 25 + 1), 9 + i % 8),
                end=at(base + dt.timedelta(days=i % 25 + 1), 10 + i % 8),
            )
            for k in range(3):
                AgendaItem.objects.create(
                    meeting=meeting,
                    number=k + 1,
                    title=f"Punkt {k}",
                    is_closed=k == 2,
                    concerns=world.task,
                )


PAGES = [
    lambda w: "/moeder/",
    lambda w: "/moeder/kalender/",
    lambda w: f"/moeder/{Meeting.objects.filter(body=w.task).first().pk}/",
    lambda w: "/",
    lambda w: "/konto/",
    lambda w: "/kalender/offentlige-moeder.ics",
    lambda w: "/kalender/udvalg/tm.ics",
    lambda w: f"/moeder/{Meeting.objects.filter(body=w.task).first().pk}/moede.ics",
]


@pytest.mark.parametrize("size", [2, 30])
def test_meeting_pages_run_a_bounded_number_of_queries(
    world, client, django_assert_max_num_queries, size
):
    # The meetings are made once for all the pages: making them is most of the test's time.
    _many(world, size)
    client.force_login(world.citizen_user)
    for page in PAGES:
        path = page(world)
        with django_assert_max_num_queries(16, info=path):
            response = client.get(path)
        assert response.status_code == 200, path


@pytest.mark.parametrize("size", [2, 30])
def test_personal_feed_runs_a_bounded_number_of_queries(
    world, client, django_assert_max_num_queries, size
):
    _many(world, size)
    token, _ = services.create_calendar_token(world.citizen_user)
    with django_assert_max_num_queries(8):
        response = client.get(f"/kalender/personlig/{token}.ics")
    assert response.status_code == 200
    # Her committee's meetings; the standing committee's public ones are not hers.
    assert response.content.count(b"BEGIN:VEVENT") == size
