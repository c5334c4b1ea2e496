"""axe-core over every kind of page we render, in Danish and English, for every role.

No violation of impact "serious" or "critical" is allowed. Left out: the API documentation
at /api/v1/docs/, which is Swagger UI as drf-spectacular ships it (third-party markup).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import choose_language, log_in_quickly

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}
AXE = Axe()

# (name, path built from the world, expected status, roles that can see it)
EVERYONE = ("anonymous", "secretariat", "council_member", "citizen_member")
LOGGED_IN = ("secretariat", "council_member", "citizen_member")
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
]
CASES = [
    pytest.param(path, status, role, language, id=f"{name}-{role}-{language}")
    for name, path, status, roles in PAGES
    for role in roles
    for language in ("da", "en")
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
        "anonymous": None,
        "secretariat": world.secretariat_user,
        "council_member": world.mayor_user,
        "citizen_member": world.citizen_user,
    }[role]


@pytest.mark.parametrize(("path", "status", "role", "language"), CASES)
def test_page_has_no_serious_accessibility_violations(
    shared_context, live_server, world, path, status, role, language
):
    context = shared_context
    if user := _user(world, role):
        log_in_quickly(context, live_server.url, user)
    choose_language(context, live_server.url, language)
    page = context.new_page()
    response = page.goto(path(world))
    assert response.status == status
    assert page.locator("html").get_attribute("lang") == language
    violations = AXE.run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert blocking == [], "\n" + format_violations(blocking)


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
