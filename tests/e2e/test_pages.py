"""Every kind of page, in Danish on a desktop and a phone and in English on a desktop, as
every role.

For each one, in Chromium against the live server:

- no error in the browser's console (a CSP violation or a script error shows up there);
- no failed request for an asset (a font, an icon, a stylesheet that 404s);
- on the phone (390 × 844), nothing wider than the screen (``scrollWidth <= innerWidth``);
- axe-core finds no violation of impact "serious" or "critical";
- a full-page screenshot under var/e2e/pages/<page>-<role>-<language>-<desktop|phone>.png,
  for people to look at.

One browser page serves the whole suite (a new page costs a renderer start); each case is a
page and a role, and walks the languages and screen sizes with one login. Left out: the
API documentation at /api/v1/docs/, which is Swagger UI as drf-spectacular ships it.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.access_matrix import (
    _opt_out,
    appointment_world,
    follow_world,
    library_world,
    meeting_world,
    pulse_world,
    room_world,
    task_processes,
)

from .conftest import SCREENSHOT_DIR, choose_language, log_in_quickly

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}
AXE = Axe()
# Only the violations: axe then skips working out the details of every passed check.
AXE_OPTIONS = {"resultTypes": ["violations"]}
LANGUAGES = ("da", "en")
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
# Every page in Danish on both sizes, and in English on the desktop as the first role that
# sees it (once per page): Danish words are the longer ones, so a page that fits a phone in
# Danish fits it in English too.
VIEWS = (("da", "desktop"), ("da", "phone"), ("en", "desktop"))

ANONYMOUS, CITIZEN, COUNCIL_MEMBER, SECRETARIAT = (
    "anonymous",
    "citizen_member",
    "council_member",
    "secretariat",
)
EVERYONE = (ANONYMOUS, CITIZEN, COUNCIL_MEMBER, SECRETARIAT)
LOGGED_IN = (CITIZEN, COUNCIL_MEMBER, SECRETARIAT)
COUNCIL = (COUNCIL_MEMBER, SECRETARIAT)
STAFF = (SECRETARIAT,)

# (name, path built from the world, expected status, roles to check it as). Every role sees
# the pages that differ for it (its header, its forms, its refusals); a page that reads the
# same for everybody is checked as one or two roles, to keep the suite to a few minutes.
PAGES = [
    ("front", lambda w: "/", 200, EVERYONE),
    ("council", lambda w: "/kommunalbestyrelsen/", 200, (ANONYMOUS, COUNCIL_MEMBER)),
    ("bodies", lambda w: "/udvalg/", 200, (ANONYMOUS, CITIZEN)),
    ("bodies-filtered", lambda w: "/udvalg/?kind=task_committee&status=active", 200, (ANONYMOUS,)),
    ("bodies-empty", lambda w: "/udvalg/?kind=think_tank", 200, (ANONYMOUS,)),
    ("body", lambda w: "/udvalg/klima/", 200, (ANONYMOUS, SECRETARIAT)),
    ("person", lambda w: f"/personer/{w.citizen.pk}/", 200, (ANONYMOUS, SECRETARIAT)),
    ("dhondt-empty", lambda w: "/dhondt/", 200, (ANONYMOUS,)),
    (
        "dhondt-result",
        # A tie (C ÷ 2 = A ÷ 1 = 6) for the last seat, so the lot's explanation is shown too.
        lambda w: "/dhondt/?seats=2&name=C&size=12&name=A&size=6&name=V&size=2&seed=axe",
        200,
        (ANONYMOUS, COUNCIL_MEMBER),
    ),
    ("dhondt-council", lambda w: "/dhondt/?council=1&seats=5", 200, (ANONYMOUS,)),
    (
        "dhondt-errors",
        lambda w: "/dhondt/?seats=many&name=C&size=twelve&name=&size=3&name=C&size=2",
        200,
        (ANONYMOUS,),
    ),
    ("login", lambda w: "/accounts/login/", 200, (ANONYMOUS,)),
    ("signup", lambda w: "/accounts/signup/", 200, (ANONYMOUS,)),
    ("password-reset", lambda w: "/accounts/password/reset/", 200, (ANONYMOUS,)),
    ("password-change", lambda w: "/accounts/password/change/", 200, (CITIZEN,)),
    ("two-factor", lambda w: "/accounts/2fa/", 200, (CITIZEN,)),
    ("my-page", lambda w: "/konto/", 200, LOGGED_IN),
    ("accessibility-statement", lambda w: "/tilgaengelighed/", 200, (ANONYMOUS,)),
    ("privacy", lambda w: "/privatliv/", 200, (ANONYMOUS, CITIZEN)),
    ("not-found", lambda w: "/udvalg/findes-ikke/", 404, (ANONYMOUS, SECRETARIAT)),
    ("bad-request", lambda w: "/udvalg/?kind=nonsense", 400, (ANONYMOUS,)),
    ("forbidden", lambda w: "/opgaveudvalg/foreslaa/", 403, (COUNCIL_MEMBER,)),
    # Task committees (processes from tests/access_matrix.py: klima working, senior drafting)
    ("tc-detail", lambda w: "/opgaveudvalg/klima/", 200, EVERYONE),
    ("tc-detail-draft", lambda w: "/opgaveudvalg/senior/", 200, (ANONYMOUS, SECRETARIAT)),
    ("tc-terms", lambda w: "/opgaveudvalg/klima/kommissorium/", 200, (ANONYMOUS, SECRETARIAT)),
    ("tc-draft-with-input", lambda w: "/opgaveudvalg/senior/kommissorium/", 200, COUNCIL),
    ("tc-versions", lambda w: "/opgaveudvalg/senior/kommissorium/versioner/", 200, COUNCIL),
    (
        "tc-compare",
        lambda w: "/opgaveudvalg/senior/kommissorium/sammenlign/?fra=1&til=1",
        200,
        COUNCIL,
    ),
    ("tc-edit-terms", lambda w: "/opgaveudvalg/senior/kommissorium/rediger/", 200, STAFF),
    ("tc-portfolio", lambda w: "/opgaveudvalg/", 200, COUNCIL),
    ("tc-propose", lambda w: "/opgaveudvalg/foreslaa/", 200, STAFF),
    ("tc-delivery", lambda w: "/opgaveudvalg/klima/resultat/", 200, STAFF),
    (
        "tc-follow-up",
        lambda w: "/opgaveudvalg/mobilitet/opfoelgning/",
        200,
        (ANONYMOUS, SECRETARIAT),
    ),
    ("accountability", lambda w: "/opfoelgning/", 200, (ANONYMOUS, COUNCIL_MEMBER)),
    ("api-tokens", lambda w: "/konto/api-noegler/", 200, (COUNCIL_MEMBER,)),
    # Meetings (tests/access_matrix.py meeting_world)
    ("meetings", lambda w: (meeting_world(w), "/moeder/")[1], 200, (ANONYMOUS, COUNCIL_MEMBER)),
    ("meetings-month", lambda w: (meeting_world(w), "/moeder/kalender/")[1], 200, (ANONYMOUS,)),
    ("meeting", lambda w: f"/moeder/{meeting_world(w).klima_meeting.pk}/", 200, LOGGED_IN),
    ("meeting-past", lambda w: f"/moeder/{meeting_world(w).past_meeting.pk}/", 200, STAFF),
    ("meeting-plan", lambda w: (meeting_world(w), "/moeder/ny/")[1], 200, STAFF),
    ("meeting-series", lambda w: (meeting_world(w), "/moeder/serie/ny/")[1], 200, STAFF),
    (
        "meeting-register",
        lambda w: f"/moeder/{meeting_world(w).open_meeting.pk}/tilmelding/",
        200,
        (ANONYMOUS,),
    ),
    (
        "survey-pulse",
        lambda w: f"/evaluering/puls/moede/{pulse_world(w).held_meeting.pk}/",
        200,
        STAFF,
    ),
    # Appointments (tests/access_matrix.py appointment_world)
    ("appointments", lambda w: (appointment_world(w), "/udpegning/")[1], 200, STAFF),
    (
        "appointment-live",
        lambda w: appointment_world(w).meeting_in_progress.get_absolute_url(),
        200,
        (SECRETARIAT, COUNCIL_MEMBER),
    ),
    (
        "appointment-record",
        lambda w: appointment_world(w).decision_record.get_absolute_url(),
        200,
        (ANONYMOUS, SECRETARIAT),
    ),
    (
        "appointment-vacancies",
        lambda w: (appointment_world(w), "/udpegning/udvalg/regn/ledige-pladser/")[1],
        200,
        STAFF,
    ),
    # The library (tests/access_matrix.py library_world)
    ("documents", lambda w: (library_world(w), "/dokumenter/")[1], 200, (ANONYMOUS, CITIZEN)),
    ("search", lambda w: (library_world(w), "/soeg/?q=skybrud")[1], 200, EVERYONE),
    ("search-empty", lambda w: "/soeg/", 200, (ANONYMOUS,)),
    ("document", lambda w: f"/dokumenter/{library_world(w).members_doc.pk}/", 200, LOGGED_IN),
    ("document-upload", lambda w: "/dokumenter/ny/", 200, (CITIZEN, SECRETARIAT)),
    (
        "document-upload-item",
        lambda w: f"/dokumenter/ny/?moede={meeting_world(w).klima_meeting.pk}&punkt=1",
        200,
        STAFF,
    ),
    (
        "document-edit",
        lambda w: f"/dokumenter/{library_world(w).public_doc.pk}/rediger/",
        200,
        (CITIZEN,),
    ),
    ("document-bulk", lambda w: "/dokumenter/arkiv/", 200, STAFF),
    (
        "document-batch",
        lambda w: f"/dokumenter/arkiv/{library_world(w).doc_batch.pk}/",
        200,
        STAFF,
    ),
    ("topic", lambda w: (library_world(w), "/emne/klimatilpasning/")[1], 200, (ANONYMOUS,)),
    # Follow and digest (tests/access_matrix.py follow_world)
    ("follows", lambda w: (follow_world(w), "/konto/foelger/")[1], 200, (CITIZEN,)),
    (
        "unsubscribe",
        lambda w: f"/foelg/afmeld/{follow_world(w).digest_token}/",
        200,
        (ANONYMOUS,),
    ),
    # The collaboration room (tests/access_matrix.py room_world)
    ("room", lambda w: (room_world(w), "/rum/klima/")[1], 200, (ANONYMOUS, CITIZEN, SECRETARIAT)),
    (
        "room-thread",
        lambda w: room_world(w).room_threads["body"].get_absolute_url(),
        200,
        (CITIZEN, COUNCIL_MEMBER),
    ),
    ("room-thread-new", lambda w: (room_world(w), "/rum/klima/ny-traad/")[1], 200, STAFF),
    (
        "room-post-edit",
        lambda w: f"/rum/indlaeg/{room_world(w).room_post.pk}/rediger/",
        200,
        (CITIZEN,),
    ),
    (
        "room-post-report",
        lambda w: f"/rum/indlaeg/{room_world(w).room_post.pk}/anmeld/",
        200,
        (CITIZEN,),
    ),
    (
        "room-post-hide",
        lambda w: f"/rum/indlaeg/{room_world(w).room_post.pk}/skjul/",
        200,
        (COUNCIL_MEMBER,),
    ),
    ("room-idea", lambda w: room_world(w).room_idea.get_absolute_url(), 200, (CITIZEN,)),
    ("room-idea-new", lambda w: (room_world(w), "/rum/klima/ny-ide/")[1], 200, (CITIZEN,)),
    ("room-draft", lambda w: room_world(w).room_draft.get_absolute_url(), 200, (CITIZEN,)),
    (
        "room-draft-new",
        lambda w: (room_world(w), "/rum/klima/nyt-udkast/")[1],
        200,
        (COUNCIL_MEMBER,),
    ),
    ("room-working-group", lambda w: f"/rum/{room_world(w).room_group.slug}/", 200, STAFF),
    (
        "room-working-group-new",
        lambda w: (room_world(w), "/rum/klima/ny-arbejdsgruppe/")[1],
        200,
        STAFF,
    ),
    ("room-invite", lambda w: f"/rum/{room_world(w).room_group.slug}/inviter/", 200, STAFF),
    ("room-guest", lambda w: f"/rum/gaest/{room_world(w).room_token}/", 200, (ANONYMOUS,)),
    (
        "room-guest-thread",
        lambda w: f"/rum/gaest/{room_world(w).room_token}/traade/{w.room_group_thread.pk}/",
        200,
        (ANONYMOUS,),
    ),
    (
        "room-opt-out",
        lambda w: (room_world(w), f"/rum/opfoelgning/afmeld/{_opt_out(w)}/")[1],
        200,
        (ANONYMOUS,),
    ),
]
CASES = [
    pytest.param(name, path, status, role, role == roles[0], id=f"{name}-{role}")
    for name, path, status, roles in PAGES
    for role in roles
]


def format_violations(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"][:10]:
            lines.append(f"    at {', '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
    return "\n".join(lines)


def _user(world, role):
    return {
        ANONYMOUS: None,
        SECRETARIAT: world.secretariat_user,
        COUNCIL_MEMBER: world.mayor_user,
        CITIZEN: world.citizen_user,
    }[role]


class Watch:
    """What went wrong in the browser while a page loaded: console errors, failed assets."""

    def __init__(self, page):
        self.problems: list[str] = []
        self.document = ""
        page.on("console", self._console)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def reset(self, document):
        self.problems = []
        self.document = document

    def _console(self, message):
        if message.type != "error":
            return
        # Chromium logs an expected error status of the page itself (a 404 page) as a failed
        # resource; that is the page under test, not a broken asset.
        location = message.location.get("url", "") if message.location else ""
        if location.split("?")[0].endswith(self.document) and "status of" in message.text:
            return
        self.problems.append(f"console: {message.text} ({location})")

    def _failed(self, request):
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response):
        if response.status >= 400 and response.request.resource_type != "document":
            self.problems.append(f"{response.status}: {response.url}")


@pytest.fixture(scope="module")
def watched(_shared_page):
    return _shared_page, Watch(_shared_page)


def _overflow(page):
    return page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth,"
        " Array.from(document.querySelectorAll('body *')).filter(e =>"
        " e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 3)"
        ".map(e => e.tagName + '.' + e.className)]"
    )


@pytest.mark.parametrize(("name", "path", "status", "role", "in_english"), CASES)
def test_page_works_on_desktop_and_phone_in_both_languages(
    watched, live_server, world, name, path, status, role, in_english
):
    page, watch = watched
    context = page.context
    context.clear_cookies()
    task_processes(world)
    if user := _user(world, role):
        log_in_quickly(context, live_server.url, user)
    url = path(world)
    found = {}
    SCREENSHOT_DIR.joinpath("pages").mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES if in_english else ("da",):
        choose_language(context, live_server.url, language)
        for size, viewport in SIZES.items():
            if (language, size) not in VIEWS:
                continue
            where = f"{language}, {size}"
            page.set_viewport_size(viewport)
            watch.reset(url.split("?")[0])
            response = page.goto(url, wait_until="load")
            problems = list(watch.problems)
            if response.status != status:
                problems.append(f"status {response.status}, expected {status}")
            if page.locator("html").get_attribute("lang") != language:
                problems.append("wrong lang attribute")
            crumbs = page.locator("nav.breadcrumbs li")
            separators = page.locator("nav.breadcrumbs li:not(:first-child) > svg")
            if crumbs.count() and separators.count() != crumbs.count() - 1:
                problems.append("breadcrumbs run together: a crumb lacks its separator")
            if size == "phone":
                scroll_width, inner_width, wide = _overflow(page)
                if scroll_width > inner_width:
                    problems.append(f"scrolls sideways: {scroll_width} > {inner_width} ({wide})")
            blocking = [
                v
                for v in AXE.run(page, options=AXE_OPTIONS).response["violations"]
                if v["impact"] in BLOCKING
            ]
            if blocking:
                problems.append(format_violations(blocking))
            page.screenshot(
                path=str(SCREENSHOT_DIR / "pages" / f"{name}-{role}-{language}-{size}.png"),
                full_page=True,
            )
            if problems:
                found[where] = "\n".join(problems)
    assert found == {}, "\n" + "\n".join(f"{where}:\n{text}" for where, text in found.items())


def test_refused_login_has_no_serious_accessibility_violations(watched, world):
    page, _watch = watched
    page.context.clear_cookies()
    page.set_viewport_size(SIZES["desktop"])
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(world.mayor_user.email)
    page.locator("input[name=password]").fill("wrong")
    page.locator("form[action*='/accounts/login/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("input[name=login]").input_value() == world.mayor_user.email
    violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert blocking == [], "\n" + format_violations(blocking)


def test_error_summary_links_each_refused_field_and_the_counter_counts(watched, live_server, world):
    page, watch = watched
    page.context.clear_cookies()
    page.set_viewport_size(SIZES["phone"])
    log_in_quickly(page.context, live_server.url, world.secretariat_user)
    choose_language(page.context, live_server.url, "da")
    page.goto("/opgaveudvalg/foreslaa/")
    page.locator("#id_proposed_on").fill("31.02.2026")
    watch.reset("/opgaveudvalg/foreslaa/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    summary = page.locator("[data-module=error-summary]")
    links = summary.get_by_role("link")
    targets = sorted(links.evaluate_all("links => links.map(a => a.getAttribute('href'))"))
    assert targets == ["#id_name", "#id_proposed_on", "#id_proposers_0"]
    # What was typed is kept, even a date the date picker could not read.
    assert page.locator("#id_proposed_on").input_value() == "31.02.2026"
    summary.get_by_role("link", name=re.compile("Foreslået den")).click()
    assert page.evaluate("() => document.activeElement.id") == "id_proposed_on"
    # The character counter counts down in the page's language as one types.
    page.locator("#id_name").press_sequentially("Grønne tage")
    counter = page.locator("#id_name").locator("xpath=..").locator(".character-limit")
    expect(counter).to_have_text("Du har 189 tegn tilbage")
    blocking = [
        v
        for v in AXE.run(page, options=AXE_OPTIONS).response["violations"]
        if v["impact"] in BLOCKING
    ]
    assert blocking == [], "\n" + format_violations(blocking)
    assert watch.problems == []
