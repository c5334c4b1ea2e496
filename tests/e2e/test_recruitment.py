"""Recruitment in a real browser: a citizen applies on a phone, and axe over every page."""

import re

import pytest
from django.core import mail

from tests.access_matrix import recruitment_world

from .conftest import choose_language, log_in_quickly, save_screenshot
from .test_pages import AXE, BLOCKING, format_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_citizen_applies_on_a_phone_and_loses_nothing_on_a_refusal(
    phone_page, live_server, world, request
):
    recruitment_world(world)
    page = phone_page
    page.goto("/deltag/")
    page.get_by_role("link", name=re.compile("^Søg")).first.click()
    page.get_by_label("Navn").fill("Sofie Østergaard")
    page.get_by_label("E-mail").fill("sofie@example.org")
    page.get_by_label("Fødselsår").fill("1988")
    page.get_by_label("kvinde").check()
    page.get_by_label("ansat i det offentlige").check()
    page.get_by_label("Arkitekter").check()
    page.get_by_label("Hvorfor vil du være med?").fill("Jeg tegner grønne tage til daglig.")
    # Forgot the district and the consent: refused, with the errors next to the fields.
    page.get_by_role("button", name="Send ansøgningen").click()
    assert page.locator("#id_consent_error").is_visible()
    assert page.locator("#id_district_error").is_visible()
    assert page.get_by_label("Hvorfor vil du være med?").input_value() == (
        "Jeg tegner grønne tage til daglig."
    )
    assert page.get_by_label("Arkitekter").is_checked()
    page.get_by_label("Bydel, du bor i").select_option(label="Jeg bor uden for kommunen")
    page.get_by_label("Jeg accepterer, at mine oplysninger bruges som beskrevet ovenfor").check()
    page.get_by_role("button", name="Send ansøgningen").click()
    assert page.get_by_role("heading", name="Tjek din e-mail").is_visible()
    link = re.search(r"http://\S+/ansoegning/bekraeft/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link.replace("http://127.0.0.1:8000", live_server.url))
    page.get_by_role("button", name="Bekræft min ansøgning").click()
    assert page.get_by_text("Din ansøgning er modtaget").first.is_visible()
    page.get_by_label("Navn").fill("Sofie Ø. Hansen")
    page.get_by_role("button", name="Gem ændringerne").click()
    assert page.get_by_text("Dine ændringer er gemt.").is_visible()
    save_screenshot(page, request)


PAGES = [
    ("calls", lambda w: "/deltag/", None),
    ("call", lambda w: "/deltag/tage/", None),
    ("apply", lambda w: "/deltag/tage/ansoeg/", None),
    ("sent", lambda w: "/deltag/tage/tak/", None),
    ("confirm", lambda w: f"/ansoegning/bekraeft/{w.confirm_token}/", None),
    ("private", lambda w: f"/ansoegning/{w.private_token}/", None),
    ("register", lambda w: "/deltag/interesserede/", None),
    ("interest", lambda w: f"/deltag/interesserede/{w.interest_token}/", None),
    ("manage", lambda w: "/rekruttering/", "council"),
    ("overview", lambda w: "/rekruttering/tage/", "secretariat"),
    ("open", lambda w: "/rekruttering/aaben/vand/", "secretariat"),
    ("pool", lambda w: "/rekruttering/tage/ansoegere/", "secretariat"),
    ("pool-council", lambda w: "/rekruttering/tage/ansoegere/", "council"),
    (
        "applicant",
        lambda w: f"/rekruttering/tage/ansoegere/{w.applicant_record.pk}/",
        "secretariat",
    ),
    ("breadth", lambda w: "/rekruttering/tage/bredde/", "council"),
    ("register-list", lambda w: "/rekruttering/interesserede/", "secretariat"),
]


@pytest.mark.parametrize(("name", "path", "role"), PAGES, ids=[p[0] for p in PAGES])
def test_recruitment_page_has_no_serious_accessibility_violations(
    shared_page, live_server, world, name, path, role
):
    recruitment_world(world)
    page = shared_page
    if role:
        user = world.secretariat_user if role == "secretariat" else world.mayor_user
        log_in_quickly(page.context, live_server.url, user)
    found = {}
    for language in ("da", "en"):
        choose_language(page.context, live_server.url, language)
        response = page.goto(path(world))
        assert response.status == 200
        violations = AXE.run(page).response["violations"]
        if blocking := [v for v in violations if v["impact"] in BLOCKING]:
            found[language] = format_violations(blocking)
    assert found == {}, "\n" + "\n".join(f"in {lang}:\n{text}" for lang, text in found.items())


def test_refused_application_has_no_serious_accessibility_violations(shared_page, world):
    recruitment_world(world)
    page = shared_page
    page.goto("/deltag/tage/ansoeg/")
    page.get_by_role("button", name="Send ansøgningen").click()
    assert page.locator(".form-error-message").count() > 3
    violations = AXE.run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert blocking == [], "\n" + format_violations(blocking)
