import datetime as dt
import os
import shutil

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from samskab.organisation.models import BodyKind, Role

from . import factories as f

pytest_plugins = ["tests.recruitment.fixtures"]

# No test may depend on timing: a busy machine makes any example slow, so hypothesis's
# per-example deadline is off for every test (speed goals live in `make bench`). 50 examples
# per property, where a test sets no number of its own, keep the suite within CI's time.
hypothesis_settings.register_profile("samskab", deadline=None, max_examples=50)
hypothesis_settings.load_profile("samskab")

CHROMIUM = os.environ.get("SAMSKAB_CHROMIUM", "/usr/bin/chromium")
HAVE_CHROMIUM = os.path.exists(CHROMIUM) or bool(shutil.which("chromium"))


def pytest_collection_modifyitems(config, items):
    # Without Chromium the browser tests are left out and the summary says so plainly
    # (pytest_terminal_summary below); with Chromium they always run.
    if HAVE_CHROMIUM:
        return
    kept = [item for item in items if "e2e" not in item.keywords]
    config._samskab_left_out = len(items) - len(kept)
    items[:] = kept


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    left_out = getattr(config, "_samskab_left_out", 0)
    if left_out:
        terminalreporter.write_line(
            f"BROWSER TESTS DID NOT RUN: {left_out} e2e/accessibility tests need Chromium "
            f"({CHROMIUM}). Install it: apt-get install chromium",
            red=True,
            bold=True,
        )


@pytest.fixture(autouse=True)
def _site_language():
    # The language middleware activates each request's language in the thread and leaves it
    # there, as Django's own does; a test that calls code directly after an English request
    # would otherwise read English. Every test starts in the site's language.
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded files (reports) go to a directory of the test's own, never to var/media.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    # Background tasks run inside the request that queues them, so a test sees their effect.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class Received:
    """The messages a loopback SMTP server received (``smtp_server`` below)."""

    def __init__(self):
        self.messages = []
        self.connections = []  # the client's (address, port) of each message
        self.refuse: set[str] = set()  # addresses answered "550" at RCPT TO

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        self.connections.append(session.peer)
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free loopback port, with Django's SMTP backend pointed at it:
    email goes over the wire as in production, only to this machine."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    received = Received()
    controller = Controller(received, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield received
    finally:
        controller.stop()


class World:
    """A small council with named personas, the way the tests talk about people."""

    def __init__(self):
        today = dt.date.today()
        self.today = today
        self.municipality = f.MunicipalityFactory(name="Testkommune")
        self.term = f.TermFactory(
            name="Nu",
            start_date=today - dt.timedelta(days=300),
            end_date=today + dt.timedelta(days=1000),
        )
        self.council = f.BodyFactory(
            kind=BodyKind.COUNCIL,
            name="Kommunalbestyrelsen",
            slug="kb",
            term=self.term,
            start_date=self.term.start_date,
        )
        self.group_c = f.GroupFactory(term=self.term, short_name="C", name="Konservative")
        self.group_a = f.GroupFactory(term=self.term, short_name="A", name="Socialdemokratiet")
        self.mayor = f.PersonFactory(name="Birgitte Borgmester")
        self.councillor = f.PersonFactory(name="Anders Byrådsmedlem")
        for person, group in ((self.mayor, self.group_c), (self.councillor, self.group_a)):
            f.MembershipFactory(
                person=person,
                body=self.council,
                group=group,
                is_council_member=True,
                start_date=self.term.start_date,
            )
        self.standing = f.BodyFactory(
            kind=BodyKind.STANDING_COMMITTEE,
            name="Teknik- og Miljøudvalget",
            slug="tm",
            seats=5,
            start_date=self.term.start_date,
        )
        self.task = f.BodyFactory(
            name="Klimatilpasning",
            slug="klima",
            parent=self.standing,
            start_date=today - dt.timedelta(days=30),
            end_date=today + dt.timedelta(days=200),
        )
        self.other_task = f.BodyFactory(
            name="Seniorliv",
            slug="senior",
            parent=self.standing,
            start_date=today - dt.timedelta(days=30),
        )
        self.citizen = f.PersonFactory(
            name="Cecilie Borger",
            phone="+45 11 22 33 44",
            birth_year=1984,
        )
        self.other_citizen = f.PersonFactory(name="Ole Andenborger")
        self.applicant = f.PersonFactory(name="Ane Ansøger")
        f.MembershipFactory(
            person=self.mayor,
            body=self.task,
            role=Role.CHAIR,
            is_council_member=True,
            group=self.group_c,
            start_date=self.task.start_date,
        )
        f.MembershipFactory(
            person=self.citizen, body=self.task, group=self.group_c, start_date=self.task.start_date
        )
        f.MembershipFactory(
            person=self.other_citizen, body=self.other_task, start_date=self.other_task.start_date
        )
        self.former = f.PersonFactory(name="Frida Fhv")
        f.MembershipFactory(
            person=self.former,
            body=self.task,
            start_date=self.task.start_date,
            end_date=today - dt.timedelta(days=1),
        )
        self.secretariat_user = f.UserFactory(
            email="sekretariat@example.org", is_staff=True, is_superuser=True
        )
        self.mayor_user = f.UserFactory(email="mayor@example.org")
        self.mayor.user = self.mayor_user
        self.mayor.save()
        # Her email is her account's (one source of truth for a person's email).
        self.citizen_user = f.UserFactory(email="cecilie@private.example.org")
        self.citizen.user = self.citizen_user
        self.citizen.save()
        self.other_citizen_user = f.UserFactory(email="other@example.org")
        self.other_citizen.user = self.other_citizen_user
        self.other_citizen.save()
        self.plain_user = f.UserFactory(email="plain@example.org")


@pytest.fixture
def world(db):
    # The fixture's own rows are the stage, not a decision anyone took: building them without
    # an audit entry per row halves its cost, paid by nearly every test. A test of the audit
    # trail reads the entries of what it does itself.
    from auditlog.context import disable_auditlog

    with disable_auditlog():
        return World()


@pytest.fixture
def plain_person(world):
    """``world.plain``: the person behind ``world.plain_user``, a citizen with an account and
    no seat anywhere (e.g. someone who applied once). Private fields as the factory makes them."""
    world.plain = f.PersonFactory(name="Pia Udenplads", user=world.plain_user)
    return world.plain
