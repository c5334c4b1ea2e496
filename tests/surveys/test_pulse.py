"""The pulse after a meeting: opened from a held meeting of a task committee by the
secretariat or the committee's chair, once, and shown on the meeting's and the committee's
pages and on the member's Min side."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from samskab.core.errors import DomainError
from samskab.meetings import services as meetings
from samskab.surveys import services, tokens
from samskab.surveys.models import Audience, Kind, RoundKind
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import TaskCommittee

pytestmark = pytest.mark.django_db

PULSE_BUTTON = "/evaluering/puls/moede/{pk}/"


@pytest.fixture
def pulse_set(world):
    question_set = services.create_set(
        world.secretariat_user, family=services.PULSE_FAMILY, name="Puls efter et møde"
    )
    services.add_question(
        world.secretariat_user,
        question_set,
        key="moedet",
        text="Hvordan gik mødet alt i alt?",
        kind=Kind.SCALE,
    )
    return question_set


def _meeting(world, body=None, *, held=True, days_ago=1):
    start = timezone.now().replace(microsecond=0) - dt.timedelta(days=days_ago)
    meeting = meetings.plan_meeting(
        world.secretariat_user,
        body=body or world.task,
        title="Klimamøde",
        start=start,
        end=start + dt.timedelta(hours=2),
    )
    return meetings.mark_held(world.secretariat_user, meeting) if held else meeting


def _closes(days=7):
    return services.closing_time(timezone.localdate() + dt.timedelta(days=days))


def test_the_chair_asks_how_a_held_meeting_went_once(world, pulse_set):
    meeting = _meeting(world)
    mail.outbox.clear()
    round_ = services.open_pulse(world.mayor_user, meeting, pulse_set, closes_at=_closes())
    assert round_.meeting == meeting
    assert round_.kind == RoundKind.PULSE
    assert round_.body == world.task
    day = timezone.localtime(meeting.start).date()
    assert round_.title == f"Puls: {world.task.name}, {day:%d.%m.%Y}"
    # Every member, with their group's questions; each gets the personal link by email.
    asked = set(round_.invitations.values_list("person__name", "audience"))
    assert asked == {
        ("Birgitte Borgmester", Audience.POLITICIANS),
        ("Cecilie Borger", Audience.CITIZENS),
    }
    assert sorted(m.to[0] for m in mail.outbox) == [
        "cecilie@private.example.org",
        "mayor@example.org",
    ]
    # Asked once: neither the chair nor the secretariat can open a second pulse for it.
    for actor in (world.mayor_user, world.secretariat_user):
        with pytest.raises(DomainError) as again:
            services.open_pulse(actor, meeting, pulse_set, closes_at=_closes())
        assert again.value.code == "state"


def test_a_pulse_needs_a_held_task_committee_meeting_and_the_chair_or_the_secretariat(
    world, pulse_set
):
    planned = _meeting(world, held=False, days_ago=-3)
    with pytest.raises(DomainError) as not_held:
        services.open_pulse(world.secretariat_user, planned, pulse_set, closes_at=_closes())
    assert not_held.value.code == "state"
    standing = _meeting(world, body=world.standing)
    with pytest.raises(DomainError) as not_a_task_committee:
        services.open_pulse(world.secretariat_user, standing, pulse_set, closes_at=_closes())
    assert not_a_task_committee.value.code == "state"
    held = _meeting(world)
    # A member who does not chair the committee may not, nor may anybody outside it.
    for user in (world.citizen_user, world.other_citizen_user, world.plain_user):
        with pytest.raises(DomainError) as refused:
            services.open_pulse(user, held, pulse_set, closes_at=_closes())
        assert refused.value.code == "forbidden"
    assert not held.pulse_rounds.exists()


def test_a_pulse_is_opened_from_the_meeting_page(world, pulse_set, client):
    meeting = _meeting(world)
    button = PULSE_BUTTON.format(pk=meeting.pk)
    client.force_login(world.citizen_user)
    assert button not in client.get(f"/moeder/{meeting.pk}/").content.decode()
    assert client.get(button).status_code == 403
    client.force_login(world.mayor_user)
    assert button in client.get(f"/moeder/{meeting.pk}/").content.decode()
    form = client.get(button)
    assert form.status_code == 200
    # The pulse question set and a week to answer are proposed.
    page = form.content.decode()
    assert re.search(rf'<option value="{pulse_set.pk}" selected>', page)
    refused = client.post(button, {"question_set": pulse_set.pk, "closes_on": "", "remind_days": 2})
    assert refused.status_code == 400
    assert not meeting.pulse_rounds.exists()
    closes = timezone.localdate() + dt.timedelta(days=5)
    opened = client.post(
        button,
        {"question_set": pulse_set.pk, "closes_on": closes.strftime("%d.%m.%Y"), "remind_days": 2},
    )
    assert opened.status_code == 302
    assert opened["Location"] == f"/moeder/{meeting.pk}/"
    (round_,) = meeting.pulse_rounds.all()
    # Asked once: the button is gone, and the page says why it cannot be asked again.
    assert button not in client.get(f"/moeder/{meeting.pk}/").content.decode()
    assert client.post(button, {}).status_code == 400
    # The secretariat follows the round from the meeting page.
    client.force_login(world.secretariat_user)
    page = client.get(f"/moeder/{meeting.pk}/").content.decode()
    assert round_.get_absolute_url() in page
    assert button not in page


def test_the_task_committee_page_links_the_rounds_the_visitor_may_see(world, pulse_set, client):
    TaskCommittee.objects.create(body=world.task, state=State.WORKING)
    now = timezone.now()
    round_ = services.open_round(
        world.secretariat_user,
        world.task,
        pulse_set,
        closes_at=now - dt.timedelta(days=1),
        now=now - dt.timedelta(days=10),
        notify=False,
    )
    path = f"/opgaveudvalg/{world.task.slug}/"
    client.force_login(world.secretariat_user)
    page = client.get(path).content.decode()
    assert round_.get_absolute_url() in page
    assert f"/evaluering/ny/?udvalg={world.task.pk}" in page
    # Until the results are published the round is the secretariat's.
    client.logout()
    page = client.get(path).content.decode()
    assert round_.get_absolute_url() not in page
    assert 'id="surveys-heading"' not in page
    services.publish(world.secretariat_user, round_)
    page = client.get(path).content.decode()
    assert round_.get_absolute_url() in page
    assert "/evaluering/ny/" not in page


def test_min_side_lists_the_members_open_surveys_with_their_own_link(world, pulse_set, client):
    round_ = services.open_pulse(
        world.secretariat_user, _meeting(world), pulse_set, closes_at=_closes(), notify=False
    )
    mine = round_.invitations.get(person=world.citizen)
    client.force_login(world.citizen_user)
    page = client.get("/konto/").content.decode()
    assert round_.title in page
    link = re.search(r'href="(/evaluering/svar/[^"]+/)"', page)
    assert link
    assert tokens.make(mine).split(":")[0] in link[1]
    # The link is hers: it answers her invitation, once.
    question = pulse_set.questions.get()
    answered = client.post(link[1], {f"q{question.pk}": "8"})
    assert answered.status_code == 200
    page = client.get("/konto/").content.decode()
    assert round_.title in page
    assert "/evaluering/svar/" not in page
    # Somebody who was not asked sees none of it.
    client.force_login(world.other_citizen_user)
    assert round_.title not in client.get("/konto/").content.decode()


def test_the_pulse_round_names_its_meeting_to_those_who_may_see_the_meeting(
    world, pulse_set, client
):
    meeting = _meeting(world, days_ago=10)
    made = client.post(
        "/api/v1/surveys/rounds/pulse/",
        {"meeting": meeting.pk, "closes_on": "2000-01-01"},
        content_type="application/json",
    )
    assert made.status_code == 403  # anonymous
    client.force_login(world.mayor_user)
    week = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    made = client.post(
        "/api/v1/surveys/rounds/pulse/",
        {"meeting": meeting.pk, "closes_on": week},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["meeting"], body["kind"]) == (meeting.pk, RoundKind.PULSE)
    (round_,) = meeting.pulse_rounds.all()
    assert round_.question_set == pulse_set  # the pulse set, as nothing else was chosen
    services.close_round(world.secretariat_user, round_)
    services.publish(world.secretariat_user, round_)
    # The meeting is the committee's own (members only): the public sees the round, not it.
    meeting_link = f'href="/moeder/{meeting.pk}/"'
    client.logout()
    page = client.get(round_.get_absolute_url())
    assert page.status_code == 200
    assert meeting_link not in page.content.decode()
    client.force_login(world.citizen_user)
    assert meeting_link in client.get(round_.get_absolute_url()).content.decode()
