import datetime as dt

import pytest
from django.utils import timezone

from samskab.core.access import AccessLevel
from samskab.core.errors import Conflict, DomainError
from samskab.meetings import queries, services
from samskab.meetings.models import Attendance, Meeting, MeetingKind, MeetingStatus, Presence

from .conftest import CPH, ago, at, soon

pytestmark = pytest.mark.django_db


def test_plan_meeting_refuses_an_end_before_the_start(world):
    start = soon()
    with pytest.raises(DomainError) as refused:
        services.plan_meeting(
            world.secretariat_user,
            body=world.task,
            title="Møde",
            start=start,
            end=start - dt.timedelta(hours=1),
        )
    assert refused.value.field == "end"
    assert Meeting.objects.count() == 0


def test_plan_meeting_is_for_the_secretariat_only(world):
    with pytest.raises(DomainError) as refused:
        services.plan_meeting(
            world.mayor_user,
            body=world.task,
            title="Møde",
            start=soon(),
            end=soon() + dt.timedelta(hours=1),
        )
    assert refused.value.code == "forbidden"


def test_plan_meeting_stores_utc_and_takes_defaults_from_the_body(world, plan):
    meeting = plan(start=at(dt.date(2031, 6, 3), 17))
    meeting.refresh_from_db()
    assert meeting.start == dt.datetime(2031, 6, 3, 15, tzinfo=dt.UTC)
    assert meeting.kind == MeetingKind.TASK_COMMITTEE
    assert meeting.access_level == AccessLevel.BODY
    assert meeting.status == MeetingStatus.PLANNED


def test_room_double_booking_is_a_warning_that_can_be_confirmed(world, plan):
    first = plan(place="Byrådssalen")
    with pytest.raises(DomainError) as warned:
        plan(body=world.standing, place=" byrådssalen ", start=first.start + dt.timedelta(hours=1))
    assert warned.value.code == "double_booking"
    assert warned.value.field == "place"
    assert first.title in str(warned.value.message)
    second = plan(
        body=world.standing,
        place="Byrådssalen",
        start=first.start + dt.timedelta(hours=1),
        allow_double_booking=True,
    )
    assert second.place == "Byrådssalen"
    # Back to back is no clash, and a cancelled meeting frees its room.
    plan(place="Byrådssalen", start=second.end)
    services.cancel_meeting(world.secretariat_user, first, reason="Flyttet")
    assert list(services.room_clashes("Byrådssalen", first.start, first.end)) == [second]


def test_update_meeting_raises_the_sequence_and_refuses_a_stale_edit(world, plan):
    meeting = plan()
    moved = services.update_meeting(
        world.secretariat_user,
        meeting,
        expected_sequence=0,
        start=meeting.start + dt.timedelta(days=1),
        end=meeting.end + dt.timedelta(days=1),
    )
    assert moved.sequence == 1
    with pytest.raises(Conflict):
        services.update_meeting(world.secretariat_user, meeting, expected_sequence=0, title="X")
    meeting.refresh_from_db()
    assert meeting.title == "Møde"
    # Nothing changed: no new revision.
    assert services.update_meeting(world.secretariat_user, meeting, title="Møde").sequence == 1


def test_update_meeting_refuses_an_end_before_the_start(world, plan):
    meeting = plan()
    with pytest.raises(DomainError) as refused:
        services.update_meeting(world.secretariat_user, meeting, end=meeting.start)
    assert refused.value.field == "end"


def test_cancel_meeting_needs_a_reason_and_counts_as_a_change(world, plan):
    meeting = plan()
    with pytest.raises(DomainError):
        services.cancel_meeting(world.secretariat_user, meeting, reason=" ")
    services.cancel_meeting(world.secretariat_user, meeting, reason="Sygdom")
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence, meeting.cancel_reason) == ("cancelled", 1, "Sygdom")
    with pytest.raises(DomainError):
        services.update_meeting(world.secretariat_user, meeting, title="Igen")


def test_series_across_daylight_saving_keeps_its_local_times(world):
    # Every third Tuesday 17–19 from February to May 2031: summer time starts 30 March.
    series, meetings = services.plan_series(
        world.secretariat_user,
        body=world.task,
        title="Opgaveudvalgets møde",
        first_start=at(dt.date(2031, 2, 18), 17),
        first_end=at(dt.date(2031, 2, 18), 19),
        rule="FREQ=MONTHLY;BYDAY=+3TU",
        until=dt.date(2031, 5, 31),
    )
    local = [(timezone.localtime(m.start, CPH), timezone.localtime(m.end, CPH)) for m in meetings]
    assert [s.date() for s, _e in local] == [
        dt.date(2031, 2, 18),
        dt.date(2031, 3, 18),
        dt.date(2031, 4, 15),
        dt.date(2031, 5, 20),
    ]
    assert {(s.hour, e.hour) for s, e in local} == {(17, 19)}
    # In UTC the winter dates start at 16:00 and the summer dates at 15:00.
    assert [m.start.astimezone(dt.UTC).hour for m in meetings] == [16, 16, 15, 15]
    assert series.rule == "FREQ=MONTHLY;UNTIL=20310531T235959;BYDAY=+3TU"
    assert {m.series_id for m in meetings} == {series.pk}


def test_series_dates_can_be_moved_one_by_one(world):
    _series, meetings = services.plan_series(
        world.secretariat_user,
        body=world.task,
        title="Møde",
        first_start=at(dt.date(2031, 1, 7), 17),
        first_end=at(dt.date(2031, 1, 7), 19),
        rule="FREQ=WEEKLY",
        count=3,
    )
    second = meetings[1]
    services.update_meeting(
        world.secretariat_user,
        second,
        start=second.start + dt.timedelta(days=1),
        end=second.end + dt.timedelta(days=1),
    )
    starts = [timezone.localtime(m.start, CPH).date() for m in Meeting.objects.order_by("start")]
    assert starts == [dt.date(2031, 1, 7), dt.date(2031, 1, 15), dt.date(2031, 1, 21)]


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        ("", "rule"),
        ("FREQ=SOMETIMES", "rule"),
        ("FREQ=DAILY", "rule"),
        ("FREQ=DAILY;COUNT=400", "until"),
    ],
)
def test_series_refuses_rules_it_cannot_plan(world, rule, field):
    with pytest.raises(DomainError) as refused:
        services.plan_series(
            world.secretariat_user,
            body=world.task,
            title="Møde",
            first_start=at(dt.date(2031, 1, 7), 17),
            first_end=at(dt.date(2031, 1, 7), 19),
            rule=rule,
        )
    assert refused.value.field == field
    assert Meeting.objects.count() == 0


# --- agenda and minutes --------------------------------------------------------------------


def test_agenda_items_are_numbered_moved_and_removed_in_order(world, plan):
    meeting = plan()
    a = services.add_item(world.secretariat_user, meeting, title="A")
    b = services.add_item(world.secretariat_user, meeting, title="B")
    services.add_item(world.secretariat_user, meeting, title="C")
    services.move_item(world.secretariat_user, b, up=True)
    assert list(meeting.items.values_list("title", flat=True)) == ["B", "A", "C"]
    with pytest.raises(DomainError):
        services.move_item(world.secretariat_user, b, up=True)
    services.remove_item(world.secretariat_user, a)
    assert list(meeting.items.values_list("number", "title")) == [(1, "B"), (2, "C")]
    meeting.refresh_from_db()
    assert meeting.sequence == 5


def test_minutes_are_written_after_the_start_then_approved_and_frozen(world, plan):
    future = plan()
    item = services.add_item(world.secretariat_user, future, title="Punkt")
    with pytest.raises(DomainError) as early:
        services.write_minutes(world.secretariat_user, item, text="For tidligt")
    assert early.value.code == "too_early"

    past = plan(start=ago(days=1))
    item = services.add_item(world.secretariat_user, past, title="Punkt")
    with pytest.raises(DomainError):
        services.approve_minutes(world.secretariat_user, item)
    services.write_minutes(world.secretariat_user, item, text="Udvalget besluttede at gå videre.")
    services.approve_minutes(world.secretariat_user, item)
    with pytest.raises(DomainError) as frozen:
        services.write_minutes(world.secretariat_user, item, text="Rettet bagefter")
    assert frozen.value.code == "frozen"
    with pytest.raises(DomainError):
        services.update_item(world.secretariat_user, item, title="Nyt")
    with pytest.raises(DomainError):
        services.remove_item(world.secretariat_user, item)
    item.refresh_from_db()
    assert item.minutes == "Udvalget besluttede at gå videre."


def test_closed_items_reach_only_the_bodys_members_and_the_secretariat(meetings):
    w = meetings
    titles = {
        who: [i.title for i in queries.visible_items(user, w.klima_meeting)]
        for who, user in {
            "citizen member": w.citizen_user,
            "mayor (chair)": w.mayor_user,
            "secretariat": w.secretariat_user,
            "other citizen": w.other_citizen_user,
        }.items()
    }
    everything = ["Velkomst", "Lukket punkt om grundkøb"]
    assert titles == {
        "citizen member": everything,
        "mayor (chair)": everything,
        "secretariat": everything,
        "other citizen": ["Velkomst"],
    }


def test_meetings_are_visible_by_access_level_and_membership(meetings):
    w = meetings

    def seen(user):
        return sorted(m.title for m in queries.visible_meetings(user))

    assert seen(w.plain_user) == ["Teknik- og Miljøudvalgets møde"]
    assert seen(w.citizen_user) == ["Klimamøde", "Teknik- og Miljøudvalgets møde"]
    assert seen(w.mayor_user) == ["Fællesmøde", "Klimamøde", "Teknik- og Miljøudvalgets møde"]
    assert seen(w.other_citizen_user) == ["Teknik- og Miljøudvalgets møde"]


def test_attendance_records_presence_and_substitutes(world, plan):
    meeting = plan(start=ago(days=1))
    services.record_attendance(
        world.secretariat_user,
        meeting,
        [
            (world.mayor, Presence.ABSENT, None),
            (world.citizen, Presence.PRESENT, None),
            (world.councillor, Presence.SUBSTITUTE, world.mayor),
        ],
    )
    assert set(Attendance.objects.values_list("person__name", "presence")) == {
        ("Birgitte Borgmester", "absent"),
        ("Cecilie Borger", "present"),
        ("Anders Byrådsmedlem", "substitute"),
    }
    with pytest.raises(DomainError):
        services.record_attendance(
            world.secretariat_user,
            meeting,
            [(world.applicant, Presence.SUBSTITUTE, world.other_citizen)],
        )
    with pytest.raises(DomainError):
        services.record_attendance(
            world.secretariat_user, meeting, [(world.applicant, Presence.SUBSTITUTE, None)]
        )


def test_attendance_is_taken_at_the_meeting_not_weeks_before(world, plan):
    meeting = plan(start=soon(days=20))
    with pytest.raises(DomainError) as refused:
        services.record_attendance(
            world.secretariat_user, meeting, [(world.mayor, Presence.PRESENT, None)]
        )
    assert refused.value.code == "too_early"


def test_an_invitation_opens_the_meeting_but_not_its_closed_items(meetings):
    from samskab.meetings.models import Invitation, InvitationKind

    w = meetings
    assert w.klima_meeting not in queries.visible_meetings(w.other_citizen_user)
    Invitation.objects.create(
        meeting=w.klima_meeting, kind=InvitationKind.GUEST, person=w.other_citizen
    )
    assert w.klima_meeting in queries.visible_meetings(w.other_citizen_user)
    assert [i.title for i in queries.visible_items(w.other_citizen_user, w.klima_meeting)] == [
        "Velkomst"
    ]
    assert w.klima_meeting in queries.personal_feed(w.other_citizen_user)
