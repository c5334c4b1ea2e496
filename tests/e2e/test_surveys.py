"""Surveys in the browser: a member answers on a phone through their personal link, and the
survey pages pass axe-core in Danish and English for the roles that see them."""

import pytest

from tests.access_matrix import survey_world

from .conftest import choose_language, log_in_quickly, save_screenshot
from .test_pages import AXE, BLOCKING, format_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_member_answers_a_survey_on_a_phone_through_the_personal_link(phone_page, world, request):
    survey_world(world)
    page = phone_page
    link = f"/evaluering/svar/{world.survey_token}/"
    page.goto(link)
    question = page.get_by_role("group", name="Udvalget fandt gode løsninger.")
    question.get_by_text("Delvist enig").click()
    assert question.get_by_label("Delvist enig").is_checked()
    page.get_by_label("Hvad kan gøres bedre?").fill("Flere møder om aftenen.")
    page.get_by_role("button", name="Send mine svar").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Tak for dine svar").is_visible()
    save_screenshot(page, request)
    # The link worked once.
    response = page.goto(link)
    assert response.status == 410
    assert page.get_by_text("Linket er brugt").is_visible()


EVERYONE = ("anonymous", "secretariat", "council_member", "citizen_member")
STAFF = ("secretariat",)
PAGES = [
    ("index", lambda w: "/evaluering/", EVERYONE),
    ("answer", lambda w: f"/evaluering/svar/{w.survey_token}/", ("anonymous",)),
    ("results", lambda w: w.survey_published.get_absolute_url(), EVERYONE),
    ("round-open", lambda w: w.survey_open.get_absolute_url(), STAFF),
    ("compare", lambda w: f"/evaluering/sammenlign/?question={w.survey_question.pk}", EVERYONE),
    ("texts", lambda w: f"/evaluering/runder/{w.survey_published.pk}/fritekst/", STAFF),
    ("open-round", lambda w: "/evaluering/ny/", STAFF),
    ("question-sets", lambda w: "/evaluering/spoergeskemaer/", STAFF),
    ("question-set", lambda w: w.survey_set.get_absolute_url(), STAFF),
    ("mine", lambda w: "/evaluering/mine/", ("citizen_member",)),
]
CASES = [
    pytest.param(path, role, id=f"{name}-{role}") for name, path, roles in PAGES for role in roles
]


def _user(world, role):
    return {
        "anonymous": None,
        "secretariat": world.secretariat_user,
        "council_member": world.mayor_user,
        "citizen_member": world.citizen_user,
    }[role]


@pytest.mark.parametrize(("path", "role"), CASES)
def test_survey_page_has_no_serious_accessibility_violations(
    shared_page, live_server, world, path, role
):
    page = shared_page
    survey_world(world)
    if user := _user(world, role):
        log_in_quickly(page.context, live_server.url, user)
    found = {}
    for language in ("da", "en"):
        choose_language(page.context, live_server.url, language)
        response = page.goto(path(world))
        assert (language, response.status) == (language, 200)
        violations = AXE.run(page).response["violations"]
        if blocking := [v for v in violations if v["impact"] in BLOCKING]:
            found[language] = format_violations(blocking)
    assert found == {}, "\n" + "\n".join(f"in {lang}:\n{text}" for lang, text in found.items())
