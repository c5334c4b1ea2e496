"""From a citizen's idea to the council's decision and its follow-up, over HTTP, with the link
visible at each step; and two people editing the same paragraph at once."""

import datetime as dt

import pytest
from django.test import Client

from samskab.taskcommittees import services as task_services
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import Delivery, Recommendation
from samskab.workspace.models import Draft, Idea, Paragraph

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_citizens_idea_becomes_a_recommendation_decided_and_followed_up(world, room):
    citizen = _client(world.citizen_user)
    # 1. The citizen proposes an idea in the room.
    response = citizen.post(
        "/rum/klima/ny-ide/",
        {
            "title": "Regnbede på skolerne",
            "access_level": "body",
            "text": "Lad eleverne anlægge regnbede.",
        },
    )
    assert response.status_code == 302
    idea = Idea.objects.get(title="Regnbede på skolerne")
    # 2. The chair supports and comments; support counts once.
    chair = _client(world.mayor_user)
    assert chair.post(f"/rum/ideer/{idea.pk}/stoet/").status_code == 302
    again = chair.post(f"/api/v1/ideas/{idea.pk}/support/")
    assert again.status_code == 400
    assert (
        chair.post(
            f"/api/v1/ideas/{idea.pk}/comments/", {"text": "Godt."}, content_type="application/json"
        ).status_code
        == 201
    )
    page = citizen.get(idea.get_absolute_url()).content.decode()
    assert "Godt." in page
    assert citizen.get(f"/api/v1/ideas/{idea.pk}/").json()["supports"] == 1
    # 3. The chair turns it into a draft recommendation; the idea links to it.
    response = chair.post(
        "/rum/klima/nyt-udkast/", {"title": "Klimaskoler", "ideas": [idea.pk], "text": ""}
    )
    assert response.status_code == 302
    draft = Draft.objects.get(title="Klimaskoler")
    assert draft.paragraphs.get().text == "Lad eleverne anlægge regnbede."
    assert draft.get_absolute_url() in citizen.get(idea.get_absolute_url()).content.decode()
    # 4. The secretariat hands it over as one of the committee's recommendations.
    secretariat = _client(world.secretariat_user)
    assert secretariat.post(f"/rum/udkast/{draft.pk}/anbefaling/").status_code == 302
    rec = Recommendation.objects.get(task=room.task)
    assert rec.text == "Lad eleverne anlægge regnbede."
    became = citizen.get(f"/api/v1/ideas/{idea.pk}/").json()["became"]
    assert became["recommendation"]["number"] == rec.number
    assert became["recommendation"]["decision"] == "pending"
    # 5. The committee delivers; the council decides (API of the task committees).
    Delivery.objects.create(task=room.task, summary="Resultat.")
    room.task.state = State.DELIVERED
    room.task.state_changed_on = dt.date.today() - dt.timedelta(days=3)
    room.task.save()
    response = secretariat.post(
        f"/api/v1/task-committees/klima/recommendations/{rec.number}/decision/",
        {"decision": "adopted", "reference": "KB 24.2.2026, punkt 7"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert "KB 24.2.2026, punkt 7" in citizen.get(idea.get_absolute_url()).content.decode()
    # 6. The follow-up begins and progresses; the idea page shows it.
    task_services.transition(world.secretariat_user, room.task, State.FOLLOWING_UP)
    item = Recommendation.objects.get(pk=rec.pk).follow_up
    task_services.update_follow_up(
        world.secretariat_user, item, status="in_progress", note="Tre skoler er i gang."
    )
    # The room is read-only now the committee has delivered, and former members still read it.
    page = citizen.get(idea.get_absolute_url()).content.decode()
    assert "Tre skoler er i gang." in page
    became = citizen.get(f"/api/v1/ideas/{idea.pk}/").json()["became"]
    assert became["recommendation"]["decision"] == "adopted"
    assert became["recommendation"]["follow_up"]["status"] == "in_progress"
    assert became["recommendation"]["follow_up"]["notes"][0]["text"] == "Tre skoler er i gang."
    # The public "what became of it" page says where the recommendation came from, naming
    # nobody.
    public = Client().get("/opgaveudvalg/klima/opfoelgning/").content.decode()
    assert "Anbefaling 1 er vokset ud af 1 idé fra medlemmerne" in public
    assert "Cecilie Borger" not in public


def test_two_people_editing_the_same_paragraph_the_second_is_told_and_keeps_their_text(world, room):
    chair = _client(world.mayor_user)
    draft_json = chair.post(
        "/api/v1/rooms/klima/drafts/",
        {"title": "Grønne tage", "text": "Alle nye tage skal være grønne."},
        content_type="application/json",
    )
    assert draft_json.status_code == 201
    draft = Draft.objects.get(pk=draft_json.json()["id"])
    citizen = _client(world.citizen_user)
    first = citizen.put(
        f"/api/v1/drafts/{draft.pk}/paragraphs/1/",
        {"text": "Alle nye offentlige tage skal være grønne.", "base_version": 1},
        content_type="application/json",
    )
    assert first.status_code == 200
    second = chair.post(
        f"/rum/udkast/{draft.pk}/afsnit/1/",
        {"p1-text": "Alle nye tage bør være grønne.", "p1-base_version": "1"},
    )
    assert second.status_code == 409
    content = second.content.decode()
    assert "Alle nye tage bør være grønne." in content  # their own text, kept
    assert "Alle nye offentlige tage skal være grønne." in content  # the text saved meanwhile
    api = chair.put(
        f"/api/v1/drafts/{draft.pk}/paragraphs/1/",
        {"text": "Alle nye tage bør være grønne.", "base_version": 1},
        content_type="application/json",
    )
    assert api.status_code == 409
    assert api.json()["yours"] == "Alle nye tage bør være grønne."
    assert api.json()["current"]["version"] == 2
    paragraph = Paragraph.objects.get(draft=draft, number=1)
    assert paragraph.text == "Alle nye offentlige tage skal være grønne."
    # Built on the current version, the chair's text is saved; the history says who did what.
    saved = chair.put(
        f"/api/v1/drafts/{draft.pk}/paragraphs/1/",
        {"text": "Alle nye tage bør være grønne.", "base_version": 2},
        content_type="application/json",
    )
    assert saved.status_code == 200
    history = saved.json()["history"]
    assert [(h["version"], h["author"]) for h in history] == [
        (3, "Birgitte Borgmester"),
        (2, "Cecilie Borger"),
        (1, "Birgitte Borgmester"),
    ]


def test_only_moderators_start_drafts_and_only_the_secretariat_hands_over(world, room):
    citizen = _client(world.citizen_user)
    assert (
        citizen.post(
            "/api/v1/rooms/klima/drafts/",
            {"title": "X", "text": "Y"},
            content_type="application/json",
        ).status_code
        == 403
    )
    draft = (
        _client(world.mayor_user)
        .post(
            "/api/v1/rooms/klima/drafts/",
            {"title": "X", "text": "Y"},
            content_type="application/json",
        )
        .json()
    )
    assert (
        _client(world.mayor_user).post(f"/api/v1/drafts/{draft['id']}/recommendation/").status_code
        == 403
    )
    assert (
        _client(world.secretariat_user)
        .post(f"/api/v1/drafts/{draft['id']}/recommendation/")
        .status_code
        == 201
    )


def test_comments_on_a_paragraph(world, room):
    chair = _client(world.mayor_user)
    draft = chair.post(
        "/api/v1/rooms/klima/drafts/",
        {"title": "Grønne tage", "text": "Alle nye tage skal være grønne."},
        content_type="application/json",
    ).json()
    citizen = _client(world.citizen_user)
    response = citizen.post(
        f"/rum/udkast/{draft['id']}/afsnit/1/kommentar/", {"k1-text": "Også carporte?"}
    )
    assert response.status_code == 302
    empty = citizen.post(f"/rum/udkast/{draft['id']}/afsnit/1/kommentar/", {"k1-text": ""})
    assert empty.status_code == 400
    assert "Også carporte?" in citizen.get(f"/rum/udkast/{draft['id']}/").content.decode()
    api = citizen.get(f"/api/v1/drafts/{draft['id']}/").json()
    assert api["paragraphs"][0]["comments"][0]["text"] == "Også carporte?"
    outsider = _client(world.other_citizen_user).post(
        f"/api/v1/drafts/{draft['id']}/paragraphs/1/comments/",
        {"text": "Hej"},
        content_type="application/json",
    )
    assert outsider.status_code == 404
