"""A joint meeting's agenda proposed from the task committees' life, and steps taken at it."""

import datetime as dt

import pytest

from samskab.core.errors import DomainError
from samskab.meetings import queries, services
from samskab.meetings.models import MeetingKind, StepAtMeeting, Topic
from samskab.organisation.models import Body, BodyKind
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import Recommendation, TaskCommittee, TermsVersion

from .conftest import ago, soon

pytestmark = pytest.mark.django_db


def _task(world, slug, state, *, draft=False, recommendations=False):
    body = Body.objects.create(
        kind=BodyKind.TASK_COMMITTEE, name=slug.capitalize(), slug=slug, parent=world.standing
    )
    long_ago = dt.date(2020, 1, 1)
    task = TaskCommittee.objects.create(
        body=body, state=state, proposed_on=long_ago, state_changed_on=long_ago
    )
    if draft:
        TermsVersion.objects.create(task=task, number=1, title=f"Udkast {slug}")
    if recommendations:
        Recommendation.objects.create(task=task, number=1, text="Gør noget.")
    return task


@pytest.fixture
def process(world):
    """One committee in each situation a joint meeting cares about, and some it does not."""
    return {
        "sent": _task(world, "sendt", State.DRAFT_AT_JOINT_MEETING, draft=True),
        "drafting": _task(world, "skriver", State.DRAFTING, draft=True),
        "no draft yet": _task(world, "tomt", State.DRAFTING),
        "working": _task(world, "arbejder", State.WORKING),
        "result": _task(world, "resultat", State.WORKING, recommendations=True),
        "appointed": _task(world, "udpeget", State.APPOINTED),
        "proposed": _task(world, "foreslaaet", State.PROPOSED),
        "recruiting": _task(world, "rekrutterer", State.RECRUITING),
        "closed": _task(world, "lukket", State.CLOSED),
    }


def _agenda(meeting):
    return [(i.concerns.slug, i.topic) for i in meeting.items.order_by("number")]


def test_joint_meeting_agenda_is_proposed_from_the_lifecycle(world, plan, process):
    meeting = plan(body=world.council, kind=MeetingKind.JOINT, title="Fællesmøde")
    assert _agenda(meeting) == [
        ("sendt", Topic.DRAFT),
        ("skriver", Topic.DRAFT),
        ("resultat", Topic.RESULT),
        ("arbejder", Topic.BRIEFING),
        ("udpeget", Topic.BRIEFING),
    ]
    # In the site's language (Danish unless the visitor chose English).
    titles = list(meeting.items.order_by("number").values_list("title", "purpose"))
    assert titles[0] == ("Udkast til kommissorium: Sendt", "discussion")
    assert titles[2] == ("Resultat før aflevering: Resultat", "discussion")
    assert titles[3] == ("Statusorientering: Arbejder", "orientation")
    # Proposing again adds nothing that is already on the agenda.
    assert services.propose_joint_agenda(world.secretariat_user, meeting) == []


def test_status_briefing_is_quarterly(world, plan, process):
    plan(body=world.council, kind=MeetingKind.JOINT, title="Forrige", start=ago(days=30))
    meeting = plan(body=world.council, kind=MeetingKind.JOINT, title="Næste", start=soon(days=5))
    # The briefings were given a month ago; drafts and results are proposed again.
    assert [topic for _slug, topic in _agenda(meeting)] == [
        Topic.DRAFT,
        Topic.DRAFT,
        Topic.RESULT,
    ]
    later = plan(
        body=world.council,
        kind=MeetingKind.JOINT,
        title="Kvartal",
        start=ago(days=30) + dt.timedelta(days=91),
    )
    assert Topic.BRIEFING in [topic for _slug, topic in _agenda(later)]


def test_other_meetings_get_no_proposed_agenda(world, plan, process):
    meeting = plan(body=world.standing, title="Udvalgsmøde")
    assert meeting.items.count() == 0
    with pytest.raises(DomainError):
        services.propose_joint_agenda(world.secretariat_user, meeting)


def test_lifecycle_step_taken_at_an_agenda_item_links_to_it(world, plan, process):
    meeting = plan(
        body=world.council,
        kind=MeetingKind.JOINT,
        title="Fællesmøde",
        start=ago(days=1, hour=19),
    )
    item = meeting.items.get(concerns__slug="skriver")
    link = services.register_step(world.secretariat_user, item, State.DRAFT_AT_JOINT_MEETING)
    task = TaskCommittee.objects.get(body__slug="skriver")
    assert task.state == State.DRAFT_AT_JOINT_MEETING
    change = task.state_changes.get(target=State.DRAFT_AT_JOINT_MEETING)
    assert link == StepAtMeeting.objects.get(state_change=change)
    assert link.item == item
    day = ago(days=1).date()
    assert change.date == day
    assert change.reference.startswith(f"Fællesmøde {day.day}.{day.month}.{day.year}, ")
    # The committee's page reads its items: the step shows where it was taken.
    (shown,) = queries.items_concerning(world.secretariat_user, task.body)
    assert [s.state_change for s in shown.steps.all()] == [change]


def test_lifecycle_step_refused_by_the_lifecycle_is_refused_at_the_meeting(world, plan, process):
    meeting = plan(body=world.council, kind=MeetingKind.JOINT, title="Fællesmøde", start=ago(1))
    item = meeting.items.get(concerns__slug="arbejder")
    with pytest.raises(DomainError):
        services.register_step(world.secretariat_user, item, State.CLOSED)
    assert StepAtMeeting.objects.count() == 0
    assert TaskCommittee.objects.get(body__slug="arbejder").state == State.WORKING


def test_lifecycle_step_at_a_future_meeting_is_refused(world, plan, process):
    meeting = plan(body=world.council, kind=MeetingKind.JOINT, title="Fællesmøde")
    item = meeting.items.get(concerns__slug="skriver")
    with pytest.raises(DomainError) as refused:
        services.register_step(world.secretariat_user, item, State.DRAFT_AT_JOINT_MEETING)
    assert refused.value.field == "date"
