"""axe-core over every kind of page we render, in Danish and English, for every role.

No violation of impact "serious" or "critical" is allowed. Each case is a page and a role;
the test checks it in both languages. Left out: the API documentation
at /api/v1/docs/, which is Swagger UI as drf-spectacular ships it (third-party markup).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.access_matrix import meeting_world, task_processes

from .conftest import choose_language, log_in_quickly

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}
AXE = Axe()

# (name, path built from the world, expected status, roles that can see it)
EVERYONE = ("anonymous", "secretariat", "council_member", "citizen_member")
LOGGED_IN = ("secretariat", "council_member", "citizen_member")
COUNCIL = ("secretariat", "council_member")
STAFF = ("secretariat",)
PAGES = [
    ("front", lambda w: "/", 200, EVERYONE),
    ("council", lambda w: "/kommunalbestyrelsen/", 200, EVERYONE),
    ("bodies", lambda w: "/udvalg/", 200, EVERYONE),
    ("bodies-filtered", lambda w: "/udvalg/?kind=task_committee&status=active", 200, EVERYONE),
    ("body", lambda w: "/udvalg/klima/", 200, EVERYONE),
    ("person", lambda w: f"/personer/{w.citizen.pk}/", 200, EVERYONE),
    ("dhondt-empty", lambda w: "/dhondt/", 200, EVERYONE),
    (
        "dhondt-result",
        # A tie (C ÷ 2 = A ÷ 1 = 6) for the last seat, so the lot's explanation is shown too.
        lambda w: "/dhondt/?seats=2&name=C&size=12&name=A&size=6&name=V&size=2&seed=axe",
        200,
        EVERYONE,
    ),
    ("dhondt-council", lambda w: "/dhondt/?council=1&seats=5", 200, EVERYONE),
    (
        "dhondt-errors",
        lambda w: "/dhondt/?seats=many&name=C&size=twelve&name=&size=3&name=C&size=2",
        200,
        EVERYONE,
    ),
    ("login", lambda w: "/accounts/login/", 200, ("anonymous",)),
    ("my-page", lambda w: "/konto/", 200, LOGGED_IN),
    ("not-found", lambda w: "/udvalg/findes-ikke/", 404, EVERYONE),
    ("bad-request", lambda w: "/udvalg/?kind=nonsense", 400, EVERYONE),
    # Task committees (processes from tests/access_matrix.py: klima working, senior drafting)
    ("tc-detail", lambda w: "/opgaveudvalg/klima/", 200, EVERYONE),
    ("tc-detail-draft", lambda w: "/opgaveudvalg/senior/", 200, EVERYONE),
    ("tc-terms", lambda w: "/opgaveudvalg/klima/kommissorium/", 200, EVERYONE),
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
    ("tc-follow-up", lambda w: "/opgaveudvalg/mobilitet/opfoelgning/", 200, EVERYONE),
    ("accountability", lambda w: "/opfoelgning/", 200, EVERYONE),
    # Meetings (tests/access_matrix.py meeting_world)
    ("meetings", lambda w: (meeting_world(w), "/moeder/")[1], 200, EVERYONE),
    ("meetings-month", lambda w: (meeting_world(w), "/moeder/kalender/")[1], 200, EVERYONE),
    ("meeting", lambda w: f"/moeder/{meeting_world(w).klima_meeting.pk}/", 200, LOGGED_IN),
    ("meeting-past", lambda w: f"/moeder/{meeting_world(w).past_meeting.pk}/", 200, STAFF),
    ("meeting-plan", lambda w: (meeting_world(w), "/moeder/ny/")[1], 200, STAFF),
    ("meeting-series", lambda w: (meeting_world(w), "/moeder/serie/ny/")[1], 200, STAFF),
    ("meeting-edit", lambda w: f"/moeder/{meeting_world(w).open_meeting.pk}/rediger/", 200, STAFF),
    (
        "meeting-attendance",
        lambda w: f"/moeder/{meeting_world(w).past_meeting.pk}/fremmoede/",
        200,
        STAFF,
    ),
    (
        "meeting-register",
        lambda w: f"/moeder/{meeting_world(w).open_meeting.pk}/tilmelding/",
        200,
        ("anonymous",),
    ),
    (
        "meeting-answer",
        lambda w: f"/moeder/svar/{meeting_world(w).guest_token}/",
        200,
        ("anonymous",),
    ),
    ("my-calendar", lambda w: (meeting_world(w), "/konto/kalender/")[1], 200, LOGGED_IN),
]
CASES = [
    pytest.param(path, status, role, id=f"{name}-{role}")
    for name, path, status, roles in PAGES
    for role in roles
]
LANGUAGES = ("da", "en")


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
        "anonymous": None,
        "secretariat": world.secretariat_user,
        "council_member": world.mayor_user,
        "citizen_member": world.citizen_user,
    }[role]


@pytest.mark.parametrize(("path", "status", "role"), CASES)
def test_page_has_no_serious_accessibility_violations(
    shared_page, live_server, world, path, status, role
):
    """The page in Danish and in English (one world and one login for both)."""
    page = shared_page
    context = page.context
    task_processes(world)
    if user := _user(world, role):
        log_in_quickly(context, live_server.url, user)
    found = {}
    for language in LANGUAGES:
        choose_language(context, live_server.url, language)
        response = page.goto(path(world))
        assert (language, response.status) == (language, status)
        assert page.locator("html").get_attribute("lang") == language
        violations = AXE.run(page).response["violations"]
        if blocking := [v for v in violations if v["impact"] in BLOCKING]:
            found[language] = format_violations(blocking)
    assert found == {}, "\n" + "\n".join(f"in {lang}:\n{text}" for lang, text in found.items())


def test_refused_login_has_no_serious_accessibility_violations(page, world):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(world.mayor_user.email)
    page.locator("input[name=password]").fill("wrong")
    page.locator("form[action*='/accounts/login/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("input[name=login]").input_value() == world.mayor_user.email
    violations = AXE.run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert blocking == [], "\n" + format_violations(blocking)
