"""The meeting pages when they refuse or go wrong: a login first for anonymous visitors, 400
with the translated reason and the typed input kept, 404 for what may not be seen, and
nothing written; plus the plain successes of the pages that had no test."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from samskab.meetings import services
from samskab.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Presence,
    Purpose,
    Response,
    StepAtMeeting,
)
from samskab.organisation.models import Body, BodyKind
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import TaskCommittee, TermsVersion

from .conftest import ago, at

pytestmark = pytest.mark.django_db


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


ANONYMOUS_REFUSED = [
    ("get", "/moeder/{pk}/rediger/"),
    ("post", "/moeder/{pk}/aflys/"),
    ("post", "/moeder/{pk}/afholdt/"),
    ("get", "/moeder/{pk}/punkter/ny/"),
    ("post", "/moeder/{pk}/punkter/1/flyt/"),
    ("post", "/moeder/{pk}/punkter/1/slet/"),
    ("post", "/moeder/{pk}/punkter/1/referat/"),
    ("post", "/moeder/{pk}/punkter/1/godkend/"),
    ("get", "/moeder/{pk}/fremmoede/"),
    ("post", "/moeder/{pk}/inviter/"),
    ("get", "/moeder/{pk}/tilmelding/"),
]


@pytest.mark.parametrize(("method", "url"), ANONYMOUS_REFUSED)
def test_anonymous_visitor_of_a_committee_meeting_is_asked_to_log_in(meetings, method, url):
    meeting = meetings.klima_meeting

    def state():
        fresh = Meeting.objects.get(pk=meeting.pk)
        return (
            fresh.status,
            fresh.sequence,
            list(fresh.items.values_list("number", "title", "minutes")),
            list(fresh.invitations.values_list("pk", "email")),
        )

    before = state()
    data = {"reason": "x", "direction": "up", "i1-minutes": "x", "name": "x", "email": "a@b.dk"}
    response = getattr(_client(), method)(url.format(pk=meeting.pk), data)
    assert response.status_code == 302
    assert "next=" in response["Location"]
    assert state() == before


def test_calendar_with_an_unknown_body_is_refused(world):
    response = _client().get("/moeder/kalender/?organ=findes-ikke")
    assert response.status_code == 400
    assert "Ukendt udvalg: vælg et på listen." in response.content.decode()


def test_plan_page_preselects_the_body_from_the_address(world):
    response = _client(world.secretariat_user).get("/moeder/ny/?organ=tm")
    assert response.status_code == 200
    assert f'<option value="{world.standing.pk}" selected' in response.content.decode()


def _edit_data(meeting, **extra):
    local_start = timezone.localtime(meeting.start)
    data = {
        "kind": meeting.kind,
        "title": meeting.title,
        "date": local_start.date().isoformat(),
        "start_time": "17:00",
        "end_time": "19:00",
        "access_level": meeting.access_level,
        "sequence": str(meeting.sequence),
    }
    data.update(extra)
    return data


def test_edit_page_saves_and_warns_of_a_double_booking(world, plan):
    meeting = plan(body=world.standing, place="Sal 1")
    other = plan(title="Andet møde", place="Sal 2")
    client = _client(world.secretariat_user)
    saved = client.post(f"/moeder/{meeting.pk}/rediger/", _edit_data(meeting, title="Nyt navn"))
    assert saved.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Nyt navn"
    clash = client.post(
        f"/moeder/{meeting.pk}/rediger/",
        _edit_data(meeting, title="Flyttet", place=other.place),
    )
    page = clash.content.decode()
    assert clash.status_code == 400
    assert 'name="allow_double_booking"' in page
    assert 'value="Flyttet"' in page
    meeting.refresh_from_db()
    assert meeting.title == "Nyt navn"


def test_cancel_page_cancels_with_a_reason_and_refuses_without_one(world, plan):
    meeting = plan(body=world.standing)
    client = _client(world.secretariat_user)
    refused = client.post(f"/moeder/{meeting.pk}/aflys/", {"reason": ""})
    assert refused.status_code == 400
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    done = client.post(f"/moeder/{meeting.pk}/aflys/", {"reason": "Sygdom"})
    assert done.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


def test_a_begun_meeting_is_marked_held(world, plan):
    meeting = plan(body=world.standing, start=ago(days=1))
    response = _client(world.secretariat_user).post(f"/moeder/{meeting.pk}/afholdt/", follow=True)
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD


def test_proposing_the_agenda_of_a_meeting_that_is_not_joint_is_refused(meetings):
    meeting = meetings.klima_meeting
    response = _client(meetings.secretariat_user).post(
        f"/moeder/{meeting.pk}/foreslaa/", follow=True
    )
    assert "Kun et fællesmødes dagsorden foreslås ud fra opgaveudvalgene." in (
        response.content.decode()
    )
    assert meeting.items.count() == 2


def test_item_page_adds_an_item_and_refuses_an_empty_title(meetings):
    meeting = meetings.klima_meeting
    client = _client(meetings.secretariat_user)
    purpose = Purpose.choices[0][0]
    refused = client.post(
        f"/moeder/{meeting.pk}/punkter/ny/", {"title": "", "text": "Min tekst", "purpose": purpose}
    )
    assert refused.status_code == 400
    assert "Min tekst" in refused.content.decode()
    assert meeting.items.count() == 2
    added = client.post(
        f"/moeder/{meeting.pk}/punkter/ny/",
        {"title": "Eventuelt", "text": "", "purpose": purpose},
    )
    assert added.status_code == 302
    assert meeting.items.filter(title="Eventuelt").exists()


def test_closed_item_is_not_found_for_who_may_see_only_the_open_ones(meetings):
    meeting = meetings.public_meeting
    services.add_item(
        meetings.secretariat_user, meeting, title="Lukket punkt om personale", is_closed=True
    )
    closed = meeting.items.get(is_closed=True)
    response = _client(meetings.plain_user).get(f"/moeder/{meeting.pk}/punkter/{closed.number}/")
    assert response.status_code == 404


def test_moving_items_up_and_the_first_cannot_go_further(meetings):
    meeting = meetings.klima_meeting
    client = _client(meetings.secretariat_user)
    moved = client.post(f"/moeder/{meeting.pk}/punkter/2/flyt/", {"direction": "up"})
    assert moved.status_code == 302
    assert meeting.items.get(number=1).title == "Lukket punkt om grundkøb"
    top = client.post(f"/moeder/{meeting.pk}/punkter/1/flyt/", {"direction": "up"})
    assert top.status_code == 302
    assert meeting.items.get(number=1).title == "Lukket punkt om grundkøb"


def test_an_item_with_minutes_cannot_be_removed(meetings):
    meeting = meetings.klima_meeting
    AgendaItem.objects.filter(meeting=meeting, number=1).update(minutes="Velkommen til alle.")
    response = _client(meetings.secretariat_user).post(f"/moeder/{meeting.pk}/punkter/1/slet/")
    assert response.status_code == 302
    assert meeting.items.filter(number=1, title="Velkomst").exists()


def test_step_for_an_item_that_concerns_no_task_committee_is_not_found(meetings):
    meeting = meetings.klima_meeting
    response = _client(meetings.secretariat_user).post(
        f"/moeder/{meeting.pk}/punkter/1/trin/", {"s1-target": "x"}
    )
    assert response.status_code == 404


def test_inviting_the_same_address_twice_is_refused_next_to_the_field(world, plan):
    meeting = plan(body=world.standing)
    services.invite_guest(
        world.secretariat_user, meeting, name="Gæst", email_address="gaest@example.org"
    )
    response = _client(world.secretariat_user).post(
        f"/moeder/{meeting.pk}/inviter/",
        {"name": "Anden Gæst", "email": "gaest@example.org", "language": "da"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "gaest@example.org" in page
    assert meeting.invitations.count() == 1


def test_an_answer_that_is_neither_yes_nor_no_is_refused(world, plan):
    meeting = plan(body=world.standing)
    invitation = services.invite_guest(
        world.secretariat_user, meeting, name="Gæst", email_address="gaest@example.org"
    )
    token = services.response_token(invitation)
    response = _client().post(f"/moeder/svar/{token}/", {"answer": "maaske"})
    assert response.status_code == 400
    assert "Vælg, om du kommer." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.response == Response.PENDING


def test_my_calendar_refuses_an_unknown_action(world):
    response = _client(world.plain_user).post("/konto/kalender/", {"action": "slet-alt"})
    assert response.status_code == 400
    assert "Vælg at lave en ny adresse eller tilbagekalde den gamle." in response.content.decode()
    assert not world.plain_user.calendar_tokens.exists()


def test_series_page_warns_of_a_double_booked_room_and_plans_nothing(world, plan):
    first = dt.date(2031, 1, 21)
    plan(place="Mødelokale A", start=at(first, 18), title="Klimamøde")
    response = _client(world.secretariat_user).post(
        "/moeder/serie/ny/",
        {
            "body": world.standing.pk,
            "title": "Udvalgsmøde",
            "date": first.isoformat(),
            "start_time": "17:00",
            "end_time": "19:00",
            "place": "Mødelokale A",
            "repeat": "monthly_weekday",
            "until": "2031-06-30",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'name="allow_double_booking"' in page
    assert 'value="Udvalgsmøde"' in page
    assert Meeting.objects.count() == 1


def test_an_item_with_approved_minutes_cannot_be_edited_and_the_input_is_kept(meetings):
    meeting = meetings.klima_meeting
    AgendaItem.objects.filter(meeting=meeting, number=1).update(
        minutes="Velkommen.", minutes_approved_at=timezone.now()
    )
    response = _client(meetings.secretariat_user).post(
        f"/moeder/{meeting.pk}/punkter/1/",
        {"title": "Ny velkomst", "text": "", "purpose": Purpose.choices[0][0]},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Referatet af punktet er godkendt: punktet kan ikke længere ændres." in page
    assert 'value="Ny velkomst"' in page
    assert meeting.items.get(number=1).title == "Velkomst"


def test_attendance_is_not_taken_days_before_the_meeting(meetings):
    meeting = meetings.klima_meeting
    people = services.expected_people(meeting)
    data = {f"p{person.pk}": Presence.PRESENT for person in people}
    response = _client(meetings.secretariat_user).post(f"/moeder/{meeting.pk}/fremmoede/", data)
    assert response.status_code == 400
    assert "Fremmødet registreres på mødet, ikke før." in response.content.decode()
    assert not meeting.attendance.exists()


def _drafting_committee(world):
    body = Body.objects.create(
        kind=BodyKind.TASK_COMMITTEE, name="Skriver", slug="skriver", parent=world.standing
    )
    long_ago = dt.date(2020, 1, 1)
    task = TaskCommittee.objects.create(
        body=body, state=State.DRAFTING, proposed_on=long_ago, state_changed_on=long_ago
    )
    TermsVersion.objects.create(task=task, number=1, title="Udkast")
    return task


def test_step_page_takes_a_lifecycle_step_at_a_held_joint_meeting(world, plan):
    task = _drafting_committee(world)
    meeting = plan(body=world.council, kind=MeetingKind.JOINT, start=ago(days=1, hour=19))
    item = meeting.items.get(concerns=task.body)
    response = _client(world.secretariat_user).post(
        f"/moeder/{meeting.pk}/punkter/{item.number}/trin/",
        {f"s{item.number}-target": State.DRAFT_AT_JOINT_MEETING, f"s{item.number}-note": ""},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state == State.DRAFT_AT_JOINT_MEETING
    assert StepAtMeeting.objects.get().item == item


def test_step_page_refuses_a_step_at_a_future_meeting_and_changes_nothing(world, plan):
    task = _drafting_committee(world)
    meeting = plan(body=world.council, kind=MeetingKind.JOINT)
    item = meeting.items.get(concerns=task.body)
    response = _client(world.secretariat_user).post(
        f"/moeder/{meeting.pk}/punkter/{item.number}/trin/",
        {f"s{item.number}-target": State.DRAFT_AT_JOINT_MEETING, f"s{item.number}-note": "Nu"},
    )
    assert response.status_code == 400
    task.refresh_from_db()
    assert task.state == State.DRAFTING
    assert not StepAtMeeting.objects.exists()
