"""The page cache: public pages come from the cache, and every change they show appears at once.

Every test reads pages as an anonymous visitor through Django's test client, against the
database cache of the settings (a table in the test database); one test repeats the life of a
committee against Redis when 127.0.0.1:6379 answers."""

import datetime as dt
import re
import socket
import uuid

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.html import strip_tags

from samskab.core import cache as page_cache
from samskab.organisation.models import Body, Membership, Municipality, Party, Person
from samskab.taskcommittees import services
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import Decision, FollowUpItem, FollowUpStatus

from .. import factories as f
from ..appointment.helpers import appoint_without_pool
from ..taskcommittees.conftest import terms_data

pytestmark = pytest.mark.django_db

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def hit(client, url) -> str:
    """The page, served from the cache: no query but the cache's own, no rendering."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    others = [q["sql"] for q in captured.captured_queries if "samskab_cache" not in q["sql"]]
    assert others == [], url
    return response.content.decode()


def cached(client, url) -> str:
    """Read a page so that it is in the cache, and check that the next visit comes from it."""
    assert client.get(url).status_code == 200, url
    return hit(client, url)


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield client


# --- What the cache serves, and to whom ---------------------------------------------------


def test_public_page_is_served_from_the_cache_until_the_content_changes(client, world):
    text = cached(client, "/udvalg/klima/")
    assert "Cecilie Borger" in text
    Person.objects.filter(pk=world.citizen.pk).update(name="Cecilie Nyborg")
    assert "Cecilie Nyborg" in page(client, "/udvalg/klima/")
    assert "Cecilie Nyborg" in hit(client, "/udvalg/klima/")


def test_page_cache_is_keyed_by_language(client, world):
    assert "Igangværende opgaveudvalg" in cached(client, "/")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = page(client, "/")
    assert "Running task committees" in english
    assert "Igangværende" not in english
    assert "Running task committees" in hit(client, "/")
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert "Igangværende opgaveudvalg" in hit(client, "/")


def test_page_cache_is_keyed_by_day(rf):
    request = rf.get("/udvalg/?kind=task_committee")
    today = dt.date(2026, 3, 1)
    assert page_cache.page_key(request, today) != page_cache.page_key(
        request, today + dt.timedelta(days=1)
    )
    assert page_cache.page_key(request, today) != page_cache.page_key(rf.get("/udvalg/"), today)


def test_logged_in_users_never_get_or_leave_a_cached_page(client, world):
    cached(client, "/")
    client.force_login(world.mayor_user)
    with CaptureQueriesContext(connection) as captured:
        mine = page(client, "/")
    assert len(captured) > 1  # rendered for the user, not served from the cache
    assert "Birgitte Borgmester" in mine  # the user's own name in the header
    client.logout()
    assert "Birgitte Borgmester" not in page(client, "/")


def test_pending_message_is_shown_and_never_cached(world):
    cached(Client(), "/")
    visitor = Client()
    visitor.force_login(world.mayor_user)
    response = visitor.post("/accounts/logout/", follow=True)
    signed_out = response.content.decode()
    assert response.redirect_chain[-1][0] == "/"
    assert 'class="alert alert-success"' in signed_out
    assert 'class="alert' not in page(Client(), "/")


def test_each_visitor_gets_their_own_csrf_token_from_a_cached_page(world):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_page = page(first, "/")  # rendered and stored
    second_page = hit(second, "/")
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    token = CSRF_INPUT.search(second_page).group(1)
    assert token != CSRF_INPUT.search(first_page).group(1)
    assert page_cache._placeholder() not in first_page + second_page
    # The token served from the cache is the visitor's own: the language switch accepts it.
    response = second.post(
        "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert "Running task committees" in page(second, "/")


def _anonymous_request(rf, method="get", **headers):
    request = getattr(rf, method)("/test/", **headers)
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _counting_view(respond):
    calls = []

    @page_cache.public_page
    def view(request):
        calls.append(request)
        return respond(request)

    return view, calls


def test_pages_are_cached_only_when_nothing_in_them_is_personal(rf, world):
    def plain(request):
        return HttpResponse("same for all")

    def sets_cookie(request):
        response = HttpResponse("a cookie")
        response.set_cookie("seen", "1")
        return response

    def private(request):
        return HttpResponse("private", headers={"Cache-Control": "private"})

    def not_found(request):
        return HttpResponse("gone", status=404)

    def uses_session(request):
        request.session["visited"] = True
        return HttpResponse("session")

    def adds_message(request):
        messages.info(request, "Hello")
        return HttpResponse("message")

    def uses_token(request):
        from django.middleware.csrf import get_token

        return HttpResponse(get_token(request))

    for respond, cacheable in [
        (plain, True),
        (sets_cookie, False),
        (private, False),
        (not_found, False),
        (uses_session, False),
        (adds_message, False),
        (uses_token, False),
    ]:
        page_cache.bump()
        view, calls = _counting_view(respond)
        view(_anonymous_request(rf))
        view(_anonymous_request(rf))
        assert len(calls) == (1 if cacheable else 2), respond.__name__


def test_only_safe_requests_without_htmx_are_cached(rf, world):
    view, calls = _counting_view(lambda request: HttpResponse("ok"))
    view(_anonymous_request(rf, "post"))
    view(_anonymous_request(rf, "post"))
    assert len(calls) == 2
    view(_anonymous_request(rf, HTTP_HX_REQUEST="true"))
    view(_anonymous_request(rf, HTTP_HX_REQUEST="true"))
    assert len(calls) == 4
    view(_anonymous_request(rf, "head"))
    view(_anonymous_request(rf))
    assert len(calls) == 5


def test_page_cache_can_be_turned_off(client, world, settings):
    settings.SAMSKAB_PAGE_CACHE_SECONDS = 0
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        page(client, "/")
    assert len(captured) > 1


# --- Every kind of change a public page shows ---------------------------------------------


def test_new_and_leaving_members_show_at_once(client, world):
    body = "/udvalg/klima/"
    person = f"/personer/{world.citizen.pk}/"
    cached(client, body)
    cached(client, person)
    newcomer = f.PersonFactory(name="Nanna Nymand")
    f.MembershipFactory(person=newcomer, body=world.task, start_date=world.today)
    assert "Nanna Nymand" in page(client, body)
    # Leaving, as the services end memberships: QuerySet.update, which sends no signal.
    Membership.objects.filter(person=world.citizen, body=world.task).update(
        end_date=world.today - dt.timedelta(days=1)
    )
    text = page(client, body)
    assert text.index("Cecilie Borger") > text.index("Nanna Nymand")  # among former members
    assert "Tidligere pladser" in page(client, person)


def test_renamed_people_bodies_and_municipality_show_at_once(client, world):
    urls = ["/", "/udvalg/", "/udvalg/tm/", "/kommunalbestyrelsen/"]
    for url in urls:
        cached(client, url)
    world.task.name = "Klima og vand"
    world.task.save()
    assert "Klima og vand" in page(client, "/")
    assert "Klima og vand" in page(client, "/udvalg/")
    assert "Klima og vand" in page(client, "/udvalg/tm/")
    world.mayor.name = "Birgitte Borgmesterinde"
    world.mayor.save()
    assert "Birgitte Borgmesterinde" in page(client, "/kommunalbestyrelsen/")
    municipality = Municipality.objects.get()
    municipality.name = "Nykommune"
    municipality.save()
    for url in urls:
        assert "Nykommune" in page(client, url)


def test_council_groups_and_their_party_lists_show_at_once(client, world):
    cached(client, "/kommunalbestyrelsen/")
    assert "Z" not in strip_tags(page(client, "/kommunalbestyrelsen/"))
    world.group_c.parties.add(Party.objects.create(letter="Z", name="Zebralisten"))
    assert "Z" in strip_tags(page(client, "/kommunalbestyrelsen/"))
    world.group_c.parties.clear()
    assert "Z" not in strip_tags(page(client, "/kommunalbestyrelsen/"))
    newcomer = f.PersonFactory(name="Otto Ny")
    f.MembershipFactory(
        person=newcomer,
        body=world.council,
        group=world.group_a,
        is_council_member=True,
        start_date=world.today,
    )
    assert "Otto Ny" in page(client, "/kommunalbestyrelsen/")


def test_bulk_writes_show_at_once(client, world):
    cached(client, "/udvalg/")
    Body.objects.bulk_create(
        [Body(name=f"Tænketank {i}", slug=f"taenketank-{i}", kind="think_tank") for i in range(2)]
    )
    assert "Tænketank 1" in page(client, "/udvalg/")
    Body.objects.filter(kind="think_tank").delete()
    assert "Tænketank 1" not in page(client, "/udvalg/")


def test_logins_and_sessions_leave_the_cache_alone(client, world):
    cached(client, "/")
    Client().force_login(world.mayor_user)  # writes a session and the account's last_login
    hit(client, "/")


def test_follows_notifications_and_digests_leave_the_cache_alone(client, world):
    """No public page shows who follows what, their notifications or their digest settings:
    a digest run (tens of thousands of such writes) must not empty the page cache."""
    from samskab.follows import services as follows
    from samskab.follows.models import DigestSettings, Notification

    cached(client, "/")
    follows.follow(world.mayor_user, world.task)
    settings, _new = DigestSettings.objects.get_or_create(user=world.mayor_user)
    DigestSettings.objects.filter(pk=settings.pk).update(frequency="daily")
    Notification.objects.create(
        user=world.mayor_user, kind="taskcommittees.draft_open", title="Udkast", url="/"
    )
    Notification.objects.filter(user=world.mayor_user).update(digested_at=timezone.now())
    hit(client, "/")


def walk_a_committee_through_its_life(client, world):
    """Every step a public page shows, each checked at once on the pages that show it."""
    sec = world.secretariat_user
    d0 = world.today - dt.timedelta(days=50)
    task = services.propose(
        sec,
        name="Grønne tage",
        proposers=[world.standing],
        rationale="Klimaet kalder.",
        proposed_on=d0,
    )
    detail = f"/opgaveudvalg/{task.body.slug}/"
    follow_up = f"{detail}opfoelgning/"
    for url in ("/", detail, "/opfoelgning/", follow_up):
        cached(client, url)

    def step(target, day, **kwargs):
        services.transition(sec, task, target, date=d0 + dt.timedelta(days=day), **kwargs)

    step(State.DRAFTING, 0, reference="KB 1", drafters=[world.mayor, world.councillor])
    text = page(client, detail)
    assert "KB 1" in text  # the step in the history
    assert "Anders Byrådsmedlem" in text  # a drafter
    services.save_terms(sec, task, terms_data(world), base_version=0)
    step(State.DRAFT_AT_JOINT_MEETING, 1, note="Drøftet på fællesmødet.")
    assert "Drøftet på fællesmødet." in page(client, detail)
    step(State.APPROVED, 2, reference="KB 2")
    assert "Approved version 1<" in page(client, detail)
    terms = cached(client, f"{detail}kommissorium/")
    assert "Udvalget skal udvikle en politik for grønne tage." in terms
    step(State.RECRUITING, 3)
    appoint_without_pool(world, task, d0 + dt.timedelta(days=4))
    assert "Birgitte Borgmester" in page(client, detail)
    step(State.APPOINTED, 4, reference="KB 3")
    step(State.WORKING, 5)
    assert "Grønne tage" in page(client, "/").split("completed-heading")[0]  # running
    recommendation = services.add_recommendation(sec, task, text="Grønne tage på alle skoler.")
    assert "Grønne tage på alle skoler." not in page(client, detail)  # not presented yet
    step(State.RESULT_PRESENTED, 6)
    assert "Grønne tage på alle skoler." in page(client, detail)
    assert "Grønne tage" in page(client, "/opfoelgning/")
    assert "adopted" not in page(client, detail)
    services.save_delivery(sec, task, summary="Udvalget anbefaler grønne tage.")
    assert "Udvalget anbefaler grønne tage." in page(client, detail)
    step(State.DELIVERED, 7, reference="KB 4")
    assert "The committee has no current members." in page(client, detail)
    services.decide(
        sec,
        recommendation,
        decision=Decision.ADOPTED,
        reference="KB 5",
        decided_on=d0 + dt.timedelta(days=8),
    )
    assert ">Adopted<" in page(client, detail)
    step(State.FOLLOWING_UP, 9)
    assert ">Not started<" in page(client, follow_up)
    item = FollowUpItem.objects.get(recommendation=recommendation)
    services.update_follow_up(sec, item, status=FollowUpStatus.DONE, note="Anlagt på tre skoler.")
    assert "Anlagt på tre skoler." in page(client, follow_up)
    assert "1 of 1" in page(client, "/opfoelgning/")
    step(State.CLOSED, 10, note="Udvalget er lukket.")
    assert "Udvalget er lukket." in page(client, detail)
    return task


def test_a_committees_public_pages_show_every_step_at_once(english, world):
    walk_a_committee_through_its_life(english, world)


@pytest.mark.django_db(transaction=True)
def test_committed_changes_show_at_once(english):
    # Outside a test case's transaction: the services' own transactions commit for real,
    # and the new generation starts after each commit.
    from ..conftest import World

    walk_a_committee_through_its_life(english, World())


@pytest.mark.django_db(transaction=True)
def test_new_generation_starts_only_after_the_commit():
    before = page_cache.generation()
    with transaction.atomic():
        f.BodyFactory(name="Ny")
        assert page_cache.generation() == before  # another worker still sees the old rows
    assert page_cache.generation() != before


def test_pages_and_writes_go_on_when_the_cache_is_unreachable(client, world, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers
        }
    }
    assert "Cecilie Borger" in page(client, "/udvalg/klima/")
    Person.objects.filter(pk=world.citizen.pk).update(name="Cecilie Nyborg")
    assert "Cecilie Nyborg" in page(client, "/udvalg/klima/")
    client.force_login(world.mayor_user)
    page(client, "/opgaveudvalg/")  # its shared part rendered for the reader
    assert "cache unavailable" in caplog.text


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_redis_cache_serves_and_invalidates_pages(english, world, settings):
    prefix = f"samskab-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": prefix,
        }
    }
    from django.core.cache import cache

    try:
        walk_a_committee_through_its_life(english, world)
    finally:
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)


def test_public_calendar_feeds_come_from_the_cache_and_show_a_change_at_once(client, world):
    """Calendar programs poll the public and body feeds, the same for everybody, and a year
    of meetings took 120 ms to write out: the feeds are cached like the pages, and a meeting
    planned or moved is in them at once."""
    from samskab.meetings import services as meeting_services

    feeds = ["/kalender/offentlige-moeder.ics", "/kalender/udvalg/tm.ics"]
    for feed in feeds:
        cached(client, feed)
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=7)
    meeting = meeting_services.plan_meeting(
        world.secretariat_user,
        body=world.standing,
        title="Trafikplan for Jægersborg",
        start=start,
        end=start + dt.timedelta(hours=2),
    )
    for feed in feeds:
        assert "Trafikplan for Jægersborg" in page(client, feed), feed
        cached(client, feed)
    meeting_services.update_meeting(
        world.secretariat_user, meeting, title="Trafikplan for Jægersborg og Ordrup"
    )
    assert all("Jægersborg og Ordrup" in page(client, feed) for feed in feeds)
    # A personal feed and a meeting's own file stay private.
    response = client.get(f"/moeder/{meeting.pk}/moede.ics")
    assert response["Cache-Control"].startswith("private")
