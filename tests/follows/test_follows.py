"""Follow and unfollow, the digest (its content, its access levels, its batches) and the
unsubscribe link that needs no login."""

import re

import pytest
from django.core import mail

from samskab.core.access import AccessLevel
from samskab.follows import digest, services
from samskab.follows.models import DigestSettings, Follow, Frequency, Notification
from samskab.library.models import Tag
from tests.library.files import docx, docx_bytes, upload

pytestmark = pytest.mark.django_db


def _file(world, body, title, level=AccessLevel.PUBLIC, tags=""):
    from samskab.library import services as library

    return library.upload(
        world.secretariat_user,
        body=body,
        file=upload("n.docx", docx_bytes(title)),
        title=title,
        access_level=level,
        tags=tags,
    )


def test_follow_and_unfollow_through_the_pages(world, client):
    client.force_login(world.plain_user)
    response = client.post("/foelg/", {"kind": "body", "target": "klima", "next": "/udvalg/klima/"})
    assert response.status_code == 302
    assert response["Location"] == "/udvalg/klima/"
    follow = Follow.objects.get(user=world.plain_user)
    assert follow.target == world.task
    # Following twice is one follow.
    client.post("/foelg/", {"kind": "body", "target": "klima"})
    assert Follow.objects.filter(user=world.plain_user).count() == 1
    assert f'action="/foelg/{follow.pk}/ophoer/"' in client.get("/udvalg/klima/").content.decode()
    client.post(f"/foelg/{follow.pk}/ophoer/")
    assert Follow.objects.filter(user=world.plain_user).count() == 0


def test_someone_elses_follow_cannot_be_removed(world, client):
    follow = services.follow(world.citizen_user, world.task)
    client.force_login(world.plain_user)
    assert client.post(f"/foelg/{follow.pk}/ophoer/").status_code == 404
    assert Follow.objects.filter(pk=follow.pk).exists()


def test_follow_a_search_and_a_topic(world):
    tag = Tag.objects.create(name="Trafik", slug="trafik")
    services.follow(world.plain_user, query="  cykel   sti ")
    services.follow(world.plain_user, tag)
    follows = Follow.objects.filter(user=world.plain_user)
    assert sorted((f.query, f.target) for f in follows if f.query) == [("cykel sti", None)]
    assert [f.target for f in follows if not f.query] == [tag]


def _run_daily():
    """What the worker does each day: the batches, then the emails (immediate in tests)."""
    from samskab.follows.tasks import queue_digests

    queue_digests.enqueue(Frequency.DAILY)


def test_digest_lists_new_documents_the_person_may_open(world, settings):
    settings.SITE_URL = "https://samskab.gentofte.dk"
    services.follow(world.plain_user, world.task)
    services.set_frequency(world.plain_user, Frequency.DAILY)
    public = _file(world, world.task, "Skybrudsplan for Gentofte")
    _file(world, world.task, "Fortroligt notat", AccessLevel.BODY)
    _run_daily()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.plain_user.email]
    assert "Skybrudsplan for Gentofte" in message.body
    assert f"https://samskab.gentofte.dk/dokumenter/{public.pk}/" in message.body
    assert "Fortroligt notat" not in message.body
    token = DigestSettings.objects.get(user=world.plain_user).token
    assert f"https://samskab.gentofte.dk/foelg/afmeld/{token}/" in message.body
    # Everything is settled: the next run sends nothing new.
    assert Notification.objects.filter(digested_at__isnull=True).count() == 0
    DigestSettings.objects.update(last_sent=None)
    _run_daily()
    assert len(mail.outbox) == 1


def test_digest_of_a_saved_search(world):
    services.follow(world.citizen_user, query="skybrud")
    services.set_frequency(world.citizen_user, Frequency.DAILY)
    _file(world, world.other_task, "Skybrud i Seniorliv", AccessLevel.PUBLIC)
    _file(world, world.other_task, "Skybrud hemmeligt", AccessLevel.BODY)
    _run_daily()
    (message,) = mail.outbox
    assert "Skybrud i Seniorliv" in message.body
    assert "Skybrud hemmeligt" not in message.body


def test_digests_go_out_in_batches(world, monkeypatch):
    from tests import factories as f

    monkeypatch.setattr(digest, "BATCH", 2)
    users = [f.UserFactory(email=f"f{i}@example.org") for i in range(5)]
    for user in users:
        services.follow(user, world.task)
        services.set_frequency(user, Frequency.DAILY)
    _file(world, world.task, "Budget 2027", tags="økonomi")
    assert digest.queue_due(Frequency.DAILY) == 3
    assert digest.queue_due(Frequency.DAILY) == 0  # all sent: nobody is due again today
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)


def test_a_batch_reads_and_settles_its_people_together(world):
    """A batch of 500 must not cost 500 times the queries: its people's notifications and
    saved searches are read, and settled, once for the whole batch."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests import factories as f

    users = [f.UserFactory(email=f"b{i}@example.org") for i in range(6)]
    for user in users:
        services.follow(user, world.task)
        services.set_frequency(user, Frequency.DAILY)
    _file(world, world.task, "Budget 2027", tags="økonomi")
    ids = list(DigestSettings.objects.filter(user__in=users).values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as captured:
        assert digest.send_batch(ids) == 6
    statements = [q["sql"] for q in captured.captured_queries]

    def count(start, table):
        return sum(1 for sql in statements if sql.startswith(start) and f'"{table}"' in sql)

    assert count("SELECT", "follows_follow") == 1
    assert count("UPDATE", "follows_notification") == 1
    assert count("UPDATE", "follows_digestsettings") == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)


def test_unsubscribe_needs_no_login_and_get_changes_nothing(world, client):
    services.follow(world.plain_user, world.task)
    token = DigestSettings.objects.get(user=world.plain_user).token
    page = client.get(f"/foelg/afmeld/{token}/")
    assert page.status_code == 200
    assert DigestSettings.objects.get(user=world.plain_user).frequency == Frequency.WEEKLY
    client.post(f"/foelg/afmeld/{token}/")
    assert DigestSettings.objects.get(user=world.plain_user).frequency == Frequency.NEVER
    assert client.get("/foelg/afmeld/ikke-et-token/").status_code == 404
    # Unsubscribed: no digest, and no notifications pile up.
    _file(world, world.task, "Nyt notat")
    assert Notification.objects.count() == 0


def test_notify_tells_one_person_in_their_next_digest_when_they_chose_to_wait(world):
    services.set_digest(world.mayor_user, frequency=Frequency.DAILY, immediate=False)
    services.notify(
        world.mayor,
        "taskcommittees.input_open",
        title="Udkast til kommissorium for Bynatur er åbent for dit input",
        url="/opgaveudvalg/bynatur/kommissorium/",
        access_level=AccessLevel.COUNCIL,
    )
    _run_daily()
    (message,) = mail.outbox
    assert "Bynatur er åbent for dit input" in message.body


def test_frequency_page_saves_the_choice(world, client):
    client.force_login(world.citizen_user)
    assert client.get("/konto/foelger/").status_code == 200
    response = client.post("/konto/foelger/", {"frequency": "daily"})
    assert response.status_code == 302
    assert DigestSettings.objects.get(user=world.citizen_user).frequency == "daily"
    assert client.post("/konto/foelger/", {"frequency": "hourly"}).status_code == 400


def test_upload_of_a_docx_notifies_topic_followers(world):
    tag = Tag.objects.create(name="Økonomi", slug="oekonomi")
    services.follow(world.plain_user, tag)
    from samskab.library import services as library

    library.upload(
        world.secretariat_user,
        body=world.standing,
        file=docx(),
        title="Budgetnotat",
        access_level=AccessLevel.PUBLIC,
        tags="Økonomi",
    )
    assert [n.title for n in Notification.objects.filter(user=world.plain_user)] == [
        "Nyt dokument i Teknik- og Miljøudvalget: Budgetnotat"
    ]
    assert re.search(r"/dokumenter/\d+/", Notification.objects.get().url)


def test_a_draft_open_for_input_reaches_the_council_and_the_followers(world):
    from samskab.taskcommittees import services as tasks
    from samskab.taskcommittees.lifecycle import State
    from samskab.taskcommittees.models import TaskCommittee

    process = TaskCommittee.objects.create(body=world.other_task, state=State.PROPOSED)
    services.follow(world.plain_user, world.other_task)
    tasks.transition(
        world.secretariat_user,
        process,
        State.DRAFTING,
        drafters=[world.mayor, world.councillor],
        reference="KB 2026-03, pkt. 7",
    )
    mine = Notification.objects.filter(user=world.mayor_user)
    assert [n.title for n in mine] == [
        "Udkastet til kommissorium for Seniorliv er åbent for dit input"
    ]
    assert mine.get().access_level == AccessLevel.COUNCIL
    assert [n.title for n in Notification.objects.filter(user=world.plain_user)] == [
        "Seniorliv: kommissorium under udarbejdelse"
    ]


def test_the_cron_command_sends_the_due_digests_and_refuses_an_unknown_frequency(world):
    from io import StringIO

    from django.core.management import CommandError, call_command

    services.follow(world.plain_user, world.task)
    services.set_frequency(world.plain_user, Frequency.DAILY)
    _file(world, world.task, "Skybrudsplan for Gentofte")
    out = StringIO()
    call_command("send_digests", "daily", stdout=out)
    assert "daily" in out.getvalue()
    (message,) = mail.outbox
    assert "Skybrudsplan for Gentofte" in message.body
    with pytest.raises(CommandError):
        call_command("send_digests", "hourly", stdout=StringIO(), stderr=StringIO())


def test_following_refuses_what_makes_no_sense_and_someone_elses_unfollow(world):
    from django.contrib.auth.models import AnonymousUser

    from samskab.core.errors import DomainError

    with pytest.raises(DomainError, match="Log ind"):
        services.follow(AnonymousUser(), world.task)
    for target, query in ((None, "  "), (world.task, "skybrud"), (world.plain_user, "")):
        with pytest.raises(DomainError) as refused:
            services.follow(world.plain_user, target, query=query)
        assert refused.value.field == "target"
    mine = services.follow(world.plain_user, world.task)
    assert services.follow(world.plain_user, world.task) == mine  # twice is one follow
    with pytest.raises(DomainError):
        services.unfollow(world.citizen_user, mine)
    with pytest.raises(DomainError) as how_often:
        services.set_frequency(world.plain_user, "hourly")
    assert how_often.value.field == "frequency"
    with pytest.raises(DomainError) as bad_link:
        services.unsubscribe("not-a-token")
    assert bad_link.value.field == "token"
    assert Follow.objects.filter(user=world.plain_user).count() == 1
