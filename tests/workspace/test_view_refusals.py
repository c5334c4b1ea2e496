"""The room's pages when they refuse: the translated reason next to the field with what was
typed kept, 403 for who may not act, 409 when the room is closed, and nothing written."""

import datetime as dt

import pytest
from django.test import Client

from samskab.core.access import AccessLevel
from samskab.organisation.models import Body, BodyKind
from samskab.taskcommittees.lifecycle import State
from samskab.workspace import services
from samskab.workspace.models import Draft, Idea, IdeaComment, Invitation, Paragraph, Post, Thread
from tests import factories as f

pytestmark = pytest.mark.django_db


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _close(room):
    room.task.state = State.CLOSED
    room.task.save()


def _idea(world, level=AccessLevel.BODY):
    return services.propose_idea(
        world.citizen_user, world.task, title="Regnbede", text="Flere regnbede.", access_level=level
    )


def _draft(world):
    return services.start_draft(world.mayor_user, world.task, title="Klimaskoler", text="Første.")


def _former(world):
    """Frida, who has left the committee: she still reads the room but may not write in it."""
    world.former.user = f.UserFactory(email="frida@example.org")
    world.former.save()
    return world.former.user


def test_new_thread_in_a_closed_room_is_refused_with_its_reason(world, room):
    _close(room)
    response = _client(world.citizen_user).get("/rum/klima/ny-traad/")
    assert response.status_code == 409
    assert Thread.objects.count() == 3


def test_new_idea_in_a_closed_room_is_refused_with_its_reason(world, room):
    _close(room)
    response = _client(world.citizen_user).post(
        "/rum/klima/ny-ide/", {"title": "Sent", "text": "For sent.", "access_level": "body"}
    )
    assert response.status_code == 409
    assert not Idea.objects.exists()


def test_new_idea_without_a_text_shows_the_error_and_keeps_the_title(world, room):
    response = _client(world.citizen_user).post(
        "/rum/klima/ny-ide/", {"title": "Grønne tage", "text": "", "access_level": "body"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Beskriv idéen." in page
    assert 'value="Grønne tage"' in page
    assert not Idea.objects.exists()


def test_reply_by_someone_who_reads_but_is_no_member_is_forbidden(world, room):
    public = room.threads[AccessLevel.PUBLIC]
    response = _client(world.other_citizen_user).post(
        f"/rum/traade/{public.pk}/svar/", {"text": "Må jeg?", "accept_code": "on"}
    )
    assert response.status_code == 403
    assert "Du har ikke adgang til at gøre dette." in response.content.decode()
    assert public.posts.count() == 1


def test_empty_reply_is_refused_and_nothing_is_posted(world, room):
    response = _client(world.citizen_user).post(f"/rum/traade/{room.body_thread.pk}/svar/", {})
    assert response.status_code == 400
    assert room.body_thread.posts.count() == 1


def test_anonymous_visitor_may_not_edit_a_public_post(world, room):
    post = room.threads[AccessLevel.PUBLIC].posts.get()
    response = _client().get(f"/rum/indlaeg/{post.pk}/rediger/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_author_cannot_edit_her_post_in_a_closed_room(world, room):
    _close(room)
    response = _client(world.citizen_user).post(
        f"/rum/indlaeg/{room.post.pk}/rediger/", {"text": "Ny tekst.", "version": 1}
    )
    assert response.status_code == 409
    assert Post.objects.get(pk=room.post.pk).text == "Første indlæg (body)."


def test_edit_with_an_empty_text_is_refused_and_the_post_kept(world, room):
    response = _client(world.citizen_user).post(
        f"/rum/indlaeg/{room.post.pk}/rediger/", {"text": "", "version": 1}
    )
    assert response.status_code == 400
    assert Post.objects.get(pk=room.post.pk).version == 1


def test_comment_on_an_idea_in_a_closed_room_is_refused(world, room):
    idea = _idea(world)
    _close(room)
    response = _client(world.citizen_user).post(
        f"/rum/ideer/{idea.pk}/kommentar/", {"text": "Stadig vigtigt."}
    )
    assert response.status_code == 400
    assert not IdeaComment.objects.exists()
    # The reason, and the comment as typed, to keep elsewhere.
    assert "Stadig vigtigt." in response.content.decode()


def test_comment_on_a_public_idea_by_an_outsider_is_forbidden(world, room):
    idea = _idea(world, AccessLevel.PUBLIC)
    response = _client(world.other_citizen_user).post(
        f"/rum/ideer/{idea.pk}/kommentar/", {"text": "Udefra."}
    )
    assert response.status_code == 403
    assert not IdeaComment.objects.exists()


def test_supporting_twice_says_so_and_an_outsider_may_not_support(world, room):
    idea = _idea(world, AccessLevel.PUBLIC)
    chair = _client(world.mayor_user)
    assert chair.post(f"/rum/ideer/{idea.pk}/stoet/").status_code == 302
    again = chair.post(f"/rum/ideer/{idea.pk}/stoet/", follow=True)
    assert "Du støtter allerede denne idé." in again.content.decode()
    assert idea.supports.count() == 1
    outsider = _client(world.other_citizen_user).post(f"/rum/ideer/{idea.pk}/stoet/")
    assert outsider.status_code == 403
    assert idea.supports.count() == 1


def test_new_draft_without_ideas_or_text_shows_the_error_and_keeps_the_title(world, room):
    response = _client(world.mayor_user).post("/rum/klima/nyt-udkast/", {"title": "Skolehaver"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Vælg en eller flere idéer, eller skriv det første afsnit." in page
    assert 'value="Skolehaver"' in page
    assert not Draft.objects.exists()


def test_chair_adds_a_paragraph_and_a_former_member_may_not(world, room):
    draft = _draft(world)
    added = _client(world.mayor_user).post(f"/rum/udkast/{draft.pk}/afsnit/", {"ny-text": "To."})
    assert added.status_code == 302
    assert draft.paragraphs.count() == 2
    refused = _client(_former(world)).post(f"/rum/udkast/{draft.pk}/afsnit/", {"ny-text": "Tre."})
    assert refused.status_code == 403
    assert draft.paragraphs.count() == 2


def test_paragraph_edit_empty_is_refused_forbidden_for_a_former_member_and_saved_for_the_chair(
    world, room
):
    draft = _draft(world)
    chair = _client(world.mayor_user)
    empty = chair.post(f"/rum/udkast/{draft.pk}/afsnit/1/", {"p1-text": "", "p1-base_version": 1})
    assert empty.status_code == 400
    member = _client(_former(world)).post(
        f"/rum/udkast/{draft.pk}/afsnit/1/", {"p1-text": "Mit.", "p1-base_version": 1}
    )
    assert member.status_code == 403
    assert Paragraph.objects.get(draft=draft, number=1).text == "Første."
    saved = chair.post(
        f"/rum/udkast/{draft.pk}/afsnit/1/", {"p1-text": "Rettet.", "p1-base_version": 1}
    )
    assert saved.status_code == 302
    assert saved["Location"].endswith("#afsnit-1")
    assert Paragraph.objects.get(draft=draft, number=1).text == "Rettet."


def test_paragraph_comment_by_a_former_member_is_forbidden(world, room):
    draft = _draft(world)
    response = _client(_former(world)).post(
        f"/rum/udkast/{draft.pk}/afsnit/1/kommentar/", {"k1-text": "Jeg er her stadig."}
    )
    assert response.status_code == 403
    assert not Paragraph.objects.get(draft=draft, number=1).comments.exists()


def test_draft_of_a_closed_room_is_not_handed_over(world, room):
    draft = _draft(world)
    _close(room)
    response = _client(world.secretariat_user).post(
        f"/rum/udkast/{draft.pk}/anbefaling/", follow=True
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.recommendation is None


def test_invitation_with_a_past_last_day_is_refused_and_kept(world, room):
    _client(world.mayor_user).post("/rum/klima/ny-arbejdsgruppe/", {"name": "Skybrud"})
    group = Body.objects.get(kind=BodyKind.WORKING_GROUP)
    yesterday = (dt.date.today() - dt.timedelta(days=1)).strftime("%d.%m.%Y")
    response = _client(world.secretariat_user).post(
        f"/rum/{group.slug}/inviter/",
        {"name": "Karen Hydrolog", "email": "karen@example.dk", "expires_on": yesterday},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Den sidste dag med adgang kan ikke ligge i fortiden." in page
    assert 'value="Karen Hydrolog"' in page
    assert not Invitation.objects.exists()


def test_member_starts_a_thread_from_the_page(world, room):
    response = _client(world.citizen_user).post(
        "/rum/klima/ny-traad/",
        {"title": "Regnvand på vejene", "text": "Hvad gør vi?", "access_level": "body"},
    )
    thread = Thread.objects.get(title="Regnvand på vejene")
    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()
    assert thread.posts.get().text == "Hvad gør vi?"


def test_empty_comment_on_an_idea_shows_the_error(world, room):
    idea = _idea(world)
    response = _client(world.mayor_user).post(f"/rum/ideer/{idea.pk}/kommentar/", {"text": ""})
    assert response.status_code == 400
    assert "Skriv din kommentar." in response.content.decode()
    assert not IdeaComment.objects.exists()


def test_paragraph_edit_with_a_garbled_version_is_refused_and_the_text_kept(world, room):
    draft = _draft(world)
    response = _client(world.mayor_user).post(
        f"/rum/udkast/{draft.pk}/afsnit/1/", {"p1-text": "Min rettelse.", "p1-base_version": "x"}
    )
    assert response.status_code == 400
    assert "Min rettelse." in response.content.decode()
    assert Paragraph.objects.get(draft=draft, number=1).text == "Første."


def test_author_edits_her_post_from_the_page_as_a_new_version(world, room):
    response = _client(world.citizen_user).post(
        f"/rum/indlaeg/{room.post.pk}/rediger/", {"text": "Rettet på siden.", "version": 1}
    )
    assert response.status_code == 302
    assert response["Location"] == room.body_thread.get_absolute_url()
    post = Post.objects.get(pk=room.post.pk)
    assert (post.text, post.version) == ("Rettet på siden.", 2)


def test_member_comments_on_an_idea_from_the_page(world, room):
    idea = _idea(world)
    response = _client(world.mayor_user).post(
        f"/rum/ideer/{idea.pk}/kommentar/", {"text": "Godt tænkt."}
    )
    assert response.status_code == 302
    assert list(idea.comments.values_list("text", flat=True)) == ["Godt tænkt."]


def test_new_thread_mentioning_someone_who_cannot_read_it_is_refused_and_kept(world, room):
    response = _client(world.citizen_user).post(
        "/rum/klima/ny-traad/",
        {
            "title": "Spørgsmål",
            "text": "Hej @Ole Andenborger, hvad siger du?",
            "access_level": "body",
        },
    )
    assert response.status_code == 400
    assert "Hej @Ole Andenborger, hvad siger du?" in response.content.decode()
    assert not Thread.objects.filter(title="Spørgsmål").exists()
