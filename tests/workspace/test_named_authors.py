"""An idea's author is named on the public "what became of it" page only with their consent:
off by default, given when proposing, changeable by the author alone (page and API)."""

import pytest
from django.test import Client

from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import Delivery
from samskab.workspace import services
from samskab.workspace.models import Idea

pytestmark = pytest.mark.django_db

PUBLIC = "/opgaveudvalg/klima/opfoelgning/"


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _origins(page):
    """The public page's paragraph on where the recommendations came from."""
    start = page.index("Anbefaling 1 er vokset ud af")
    return page[start : page.index("</li>", start)]


def test_only_consenting_authors_are_named_on_the_public_page(world, room):
    citizen, chair = _client(world.citizen_user), _client(world.mayor_user)
    # Cecilie agrees on the page; the chair proposes through the API without agreeing.
    response = citizen.post(
        "/rum/klima/ny-ide/",
        {
            "title": "Regnbede ved skolerne",
            "access_level": "body",
            "text": "Lad eleverne anlægge regnbede.",
            "name_publicly": "on",
        },
    )
    assert response.status_code == 302
    created = chair.post(
        "/api/v1/rooms/klima/ideas/",
        {"title": "Grønne skolegårde", "text": "Asfalt bliver til græs."},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["name_publicly"] is False
    ideas = list(Idea.objects.order_by("id"))
    assert [i.name_publicly for i in ideas] == [True, False]
    draft = services.start_draft(world.mayor_user, world.task, title="Klimaskoler", ideas=ideas)
    services.hand_over(world.secretariat_user, draft)
    Delivery.objects.create(task=room.task, summary="Resultat.")
    room.task.state = State.DELIVERED
    room.task.save()

    origins = _origins(_client().get(PUBLIC).content.decode())
    assert "Cecilie Borger" in origins
    assert "Birgitte Borgmester" not in origins

    # The chair agrees later (API); only the author may decide for an idea.
    chairs_idea = ideas[1]
    refused = citizen.put(
        f"/api/v1/ideas/{chairs_idea.pk}/naming/",
        {"name_publicly": True},
        content_type="application/json",
    )
    assert refused.status_code == 403
    agreed = chair.put(
        f"/api/v1/ideas/{chairs_idea.pk}/naming/",
        {"name_publicly": True},
        content_type="application/json",
    )
    assert agreed.status_code == 200
    assert agreed.json()["name_publicly"] is True
    origins = _origins(_client().get(PUBLIC).content.decode())
    assert "Cecilie Borger" in origins and "Birgitte Borgmester" in origins

    # Cecilie takes it back on the idea's page (the room is read-only now; the choice is hers).
    page = citizen.get(ideas[0].get_absolute_url()).content.decode()
    assert f'action="/rum/ideer/{ideas[0].pk}/navngivning/"' in page
    assert "/navngivning/" not in chair.get(ideas[0].get_absolute_url()).content.decode()
    assert citizen.post(f"/rum/ideer/{ideas[0].pk}/navngivning/", {}).status_code == 302
    origins = _origins(_client().get(PUBLIC).content.decode())
    assert "Cecilie Borger" not in origins and "Birgitte Borgmester" in origins
    taken = chair.post(f"/rum/ideer/{ideas[0].pk}/navngivning/", {"name_publicly": "on"})
    assert taken.status_code == 403
    assert Idea.objects.get(pk=ideas[0].pk).name_publicly is False


def test_consent_is_off_unless_chosen(world, room):
    idea = services.propose_idea(
        world.citizen_user, world.task, title="Regnbede", text="Ved skolerne."
    )
    assert idea.name_publicly is False
    form = _client(world.citizen_user).get("/rum/klima/ny-ide/").content.decode()
    assert 'name="name_publicly"' in form
    assert 'name="name_publicly" checked' not in form
