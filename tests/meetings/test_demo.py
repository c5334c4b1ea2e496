import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from samskab.meetings.models import AgendaItem, Meeting, MeetingKind, MeetingStatus
from samskab.taskcommittees.lifecycle import RUNNING
from samskab.taskcommittees.models import TaskCommittee

pytestmark = pytest.mark.django_db


def test_demo_has_the_councils_meeting_plan_for_a_year(client):
    call_command("demo")
    now = timezone.now()
    meetings = Meeting.objects.all()
    council = meetings.filter(kind=MeetingKind.COUNCIL)
    assert 10 <= council.count() <= 13
    # No council meeting in July; every one on a Monday at 17.00 Danish time.
    starts = [timezone.localtime(m.start) for m in council]
    assert {s.month for s in starts} <= set(range(1, 13)) - {7}
    assert {(s.weekday(), s.hour) for s in starts} == {(0, 17)}
    # Joint meetings right after the council meeting of the same evening.
    for joint in meetings.filter(kind=MeetingKind.JOINT):
        same_day = council.get(start__date=joint.start.date())
        assert dt.timedelta(0) < joint.start - same_day.end <= dt.timedelta(minutes=30)
    assert meetings.filter(kind=MeetingKind.JOINT).count() == 5
    assert meetings.filter(kind=MeetingKind.STANDING_COMMITTEE).count() >= 4 * 7 - 7
    for task in TaskCommittee.objects.filter(state__in=RUNNING):
        assert meetings.filter(body=task.body).exists(), task
    workshop = meetings.get(kind=MeetingKind.WORKSHOP)
    assert workshop.capacity == 60
    assert "eksperter" in workshop.description
    # The past has minutes, approved; the future has none.
    past = meetings.filter(end__lt=now)
    assert past.exists()
    assert set(past.values_list("status", flat=True)) == {MeetingStatus.HELD}
    assert not AgendaItem.objects.filter(
        meeting__in=past, minutes_approved_at__isnull=True
    ).exists()
    assert not AgendaItem.objects.filter(meeting__start__gt=now).exclude(minutes="").exists()
    # The front page shows the public meetings to come.
    assert "Kommunalbestyrelsens møde" in client.get("/").content.decode()


def test_demo_meetings_are_idempotent():
    call_command("demo")
    first = Meeting.objects.count()
    call_command("demo")
    assert Meeting.objects.count() == first
