"""The calendar feeds, parsed back with the icalendar library as a calendar program would."""

import datetime as dt
import logging

import pytest
from django.utils import timezone
from icalendar import Calendar

from samskab.meetings import services

from .conftest import CPH, at

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar):
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_meeting_ics_has_local_times_with_a_vtimezone_a_stable_uid_and_a_sequence(
    world, client, plan
):
    meeting = plan(body=world.standing, title="Udvalgsmøde", start=at(dt.date(2031, 3, 4), 17))
    first = parse(client.get(f"/moeder/{meeting.pk}/moede.ics"))
    event = events(first)["Udvalgsmøde"]
    assert event.decoded("dtstart") == at(dt.date(2031, 3, 4), 17)
    assert event["dtstart"].params["TZID"] == "Europe/Copenhagen"
    assert event.decoded("dtend") == at(dt.date(2031, 3, 4), 19)
    assert int(event["sequence"]) == 0
    assert str(event["status"]) == "CONFIRMED"
    # The VTIMEZONE carries both offsets: winter (+01:00) and summer (+02:00).
    (zone,) = first.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Copenhagen"
    offsets = {c.decoded("tzoffsetto") for c in zone.walk() if c.name in ("STANDARD", "DAYLIGHT")}
    assert offsets == {dt.timedelta(hours=1), dt.timedelta(hours=2)}

    # Moved into summer time: same UID, a higher SEQUENCE, still 17.00 local.
    services.update_meeting(
        world.secretariat_user,
        meeting,
        start=at(dt.date(2031, 4, 1), 17),
        end=at(dt.date(2031, 4, 1), 19),
    )
    moved = events(parse(client.get(f"/moeder/{meeting.pk}/moede.ics")))["Udvalgsmøde"]
    assert str(moved["uid"]) == str(event["uid"])
    assert int(moved["sequence"]) == 1
    assert moved.decoded("dtstart") == at(dt.date(2031, 4, 1), 17)
    assert moved.decoded("dtstart").utcoffset() == dt.timedelta(hours=2)


def test_cancelled_meeting_stays_in_the_feed_as_cancelled(world, client, plan):
    meeting = plan(body=world.standing, title="Aflyst møde")
    services.cancel_meeting(world.secretariat_user, meeting, reason="Formanden er syg")
    event = events(parse(client.get("/kalender/offentlige-moeder.ics")))["Aflyst møde"]
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == 1
    assert "Formanden er syg" in str(event["description"])


def _next_spring_change():
    """The next last Sunday of March (summer time starts), within the feed's window."""
    today = timezone.localdate()
    year = today.year if today < dt.date(today.year, 3, 20) else today.year + 1
    last = dt.date(year, 3, 31)
    return last - dt.timedelta(days=(last.weekday() + 1) % 7)


def test_series_in_the_feed_keeps_local_times_across_daylight_saving(world, client):
    change = _next_spring_change()
    first = change - dt.timedelta(days=12)  # a Tuesday, two weeks before
    _series, meetings = services.plan_series(
        world.secretariat_user,
        body=world.standing,
        title="Ugemøde",
        first_start=at(first, 17),
        first_end=at(first, 19),
        rule="FREQ=WEEKLY",
        count=4,
    )
    calendar = parse(client.get("/kalender/udvalg/tm.ics"))
    starts = sorted(e.decoded("dtstart") for e in calendar.walk("VEVENT"))
    assert [(s.date(), s.hour, s.minute) for s in starts] == [
        (first + dt.timedelta(weeks=n), 17, 0) for n in range(4)
    ]
    assert [s.utcoffset() for s in starts] == [dt.timedelta(hours=h) for h in (1, 1, 2, 2)]
    uids = [str(e["uid"]) for e in calendar.walk("VEVENT")]
    assert len(set(uids)) == 4
    assert uids == [f"{m.uid}@127.0.0.1" for m in meetings]


def test_public_and_body_feeds_hold_public_meetings_and_public_items_only(meetings, client):
    w = meetings
    public = events(parse(client.get("/kalender/offentlige-moeder.ics")))
    assert set(public) == {"Teknik- og Miljøudvalgets møde"}
    assert "Budgetopfølgning" in str(public["Teknik- og Miljøudvalgets møde"]["description"])
    # The task committee's own meetings are for its members: not in its public feed.
    assert events(parse(client.get("/kalender/udvalg/klima.ics"))) == {}
    client.force_login(w.mayor_user)  # a login changes nothing: calendar programs send none
    assert events(parse(client.get("/kalender/udvalg/klima.ics"))) == {}


def test_personal_feed_shows_what_its_owner_may_see_and_stops_when_revoked(
    meetings, client, caplog
):
    w = meetings
    token, _record = services.create_calendar_token(w.citizen_user)
    url = f"/kalender/personlig/{token}.ics"
    feed = events(parse(client.get(url)))
    # Her task committee's meeting, with its closed item (she is a member); not the council's
    # joint meeting, nor the public meetings of bodies she does not sit in.
    assert set(feed) == {"Klimamøde"}
    assert "Lukket punkt om grundkøb" in str(feed["Klimamøde"]["description"])

    other_token, _ = services.create_calendar_token(w.other_citizen_user)
    other = parse(client.get(f"/kalender/personlig/{other_token}.ics"))
    assert "Lukket punkt" not in other.to_ical().decode()

    services.revoke_calendar_tokens(w.citizen_user)
    with caplog.at_level(logging.DEBUG):
        revoked = client.get(url)
    assert revoked.status_code == 404
    # The secret never reaches the logs, not even for a refused address.
    assert token not in caplog.text


def test_new_calendar_address_replaces_the_old_one(world, client):
    first, _ = services.create_calendar_token(world.citizen_user)
    second, _ = services.create_calendar_token(world.citizen_user)
    assert client.get(f"/kalender/personlig/{first}.ics").status_code == 404
    assert client.get(f"/kalender/personlig/{second}.ics").status_code == 200


def test_my_calendar_page_shows_the_address_once_and_revokes_it(world, client):
    client.force_login(world.citizen_user)
    made = client.post("/konto/kalender/", {"action": "new"})
    page = made.content.decode()
    assert "/kalender/personlig/" in page
    start = page.index("/kalender/personlig/") + len("/kalender/personlig/")
    token = page[start : page.index(".ics", start)]
    assert client.get(f"/kalender/personlig/{token}.ics").status_code == 200
    again = client.get("/konto/kalender/").content.decode()
    assert token not in again
    client.post("/konto/kalender/", {"action": "revoke"})
    assert client.get(f"/kalender/personlig/{token}.ics").status_code == 404


def test_meeting_ics_of_a_hidden_meeting_is_not_found(meetings, client):
    client.force_login(meetings.other_citizen_user)
    assert client.get(f"/moeder/{meetings.klima_meeting.pk}/moede.ics").status_code == 404


def test_feed_times_are_utc_in_the_database_and_local_in_the_feed(world, client, plan):
    meeting = plan(body=world.standing, title="Sommermøde", start=at(dt.date(2031, 7, 1), 9))
    event = events(parse(client.get(f"/moeder/{meeting.pk}/moede.ics")))["Sommermøde"]
    assert event.decoded("dtstart").astimezone(dt.UTC) == dt.datetime(2031, 7, 1, 7, tzinfo=dt.UTC)
    assert event.decoded("dtstart").tzinfo.key == CPH.key
