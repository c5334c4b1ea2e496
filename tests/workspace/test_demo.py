import pytest
from django.core.management import call_command
from django.test import Client

from samskab.core.access import AccessLevel
from samskab.organisation.models import BodyKind
from samskab.taskcommittees.lifecycle import FOLLOW_UP_OPEN, RUNNING
from samskab.taskcommittees.models import Decision, TaskCommittee
from samskab.workspace.models import Idea, Invitation, Support, Thread

pytestmark = pytest.mark.django_db


def test_demo_has_a_live_room_for_each_running_committee_and_an_idea_decided():
    call_command("demo")
    for task in TaskCommittee.objects.filter(state__in=RUNNING):
        assert Thread.objects.filter(body=task.body).exists(), task
    levels = set(Thread.objects.values_list("access_level", flat=True))
    assert levels == {AccessLevel.BODY, AccessLevel.COUNCIL, AccessLevel.PUBLIC}
    assert Support.objects.count() >= 10
    invitation = Invitation.objects.get()
    assert invitation.body.kind == BodyKind.WORKING_GROUP
    assert invitation.person.user is None
    decided = Idea.objects.get(draft__recommendation__isnull=False)
    assert decided.draft.recommendation.decision != Decision.PENDING
    assert decided.body.task.state in FOLLOW_UP_OPEN
    page = Client().get(f"/rum/{decided.body.slug}/")
    assert page.status_code == 200
    assert "Opfølgning" in page.content.decode()


def test_demo_loads_twice_without_change():
    call_command("demo")
    counts = (Thread.objects.count(), Idea.objects.count(), Support.objects.count())
    call_command("demo")
    assert (Thread.objects.count(), Idea.objects.count(), Support.objects.count()) == counts
