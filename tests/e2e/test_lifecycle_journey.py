"""The secretariat moves a task committee through its life with the keyboard only."""

import datetime as dt

import pytest

from samskab.taskcommittees import services
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import TaskCommittee

from .conftest import PASSWORD, save_screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

STEP_FORM = "form[action$='/trin/']"


def register_step(kb, page, reference=None, drafters=()):
    if reference is not None:
        kb.fill(f"{STEP_FORM} #id_reference", reference)
    for index in drafters:
        kb.tab_to(f"#id_drafters_{index}")
        kb.press("Space")
    kb.activate(f"{STEP_FORM} button[type=submit]")


def test_secretariat_moves_a_committee_through_its_life_by_keyboard(
    page, keyboard_user, world, request
):
    kb = keyboard_user
    task = services.propose(
        world.secretariat_user,
        name="Grønne tage",
        proposers=[world.standing],
        proposed_on=dt.date.today() - dt.timedelta(days=30),
    )
    page.goto("/accounts/login/?next=/opgaveudvalg/groenne-tage/")
    kb.log_in(world.secretariat_user.email, PASSWORD)
    assert page.url.endswith("/opgaveudvalg/groenne-tage/")

    # A refused step says why, next to the field, and keeps what was typed.
    register_step(kb, page, reference="KB 1.10.2026, pkt. 4", drafters=[0])
    assert "præcis to" in page.locator("main").inner_text()
    assert page.locator(f"{STEP_FORM} #id_reference").input_value() == "KB 1.10.2026, pkt. 4"
    # #id_drafters_0 is still ticked; tick the second drafter too.
    register_step(kb, page, drafters=[1])
    assert (
        "Kommissorium under udarbejdelse" in page.locator("main [aria-current=step]").inner_text()
    )

    # The terms of reference, written with the keyboard.
    page.goto("/opgaveudvalg/groenne-tage/kommissorium/rediger/")
    kb.fill("#id_assignment", "Udvalget skal udvikle en politik for grønne tage.")
    kb.fill("#id_deliverables", "En rapport med anbefalinger.")
    # The DKFDS date picker: typed as Danes write dates, one of them without separators.
    kb.tab_to("#id_start_date")
    kb.type("1.1.2027")
    kb.tab_to("#id_end_date")
    kb.type("12122027")
    kb.activate("form button[type=submit]")
    errors = page.locator(".form-error-message").all_inner_texts()
    assert "Gemt som version 1" in page.locator("main").inner_text(), errors

    page.goto("/opgaveudvalg/groenne-tage/")
    register_step(kb, page)  # to the joint meeting
    assert "Udkast på fællesmøde" in page.locator("main [aria-current=step]").inner_text(), (
        page.locator(".form-error-message, .alert-error").all_inner_texts()
    )
    register_step(kb, page, reference="KB 29.10.2026, pkt. 6")  # approved
    assert "Kommissorium godkendt" in page.locator("main [aria-current=step]").inner_text(), (
        page.locator(".form-error-message, .alert-error").all_inner_texts()
    )
    task = TaskCommittee.objects.get(pk=task.pk)
    assert task.state == State.APPROVED
    assert task.approved_version.number == 1
    assert task.approved_version.start_date == dt.date(2027, 1, 1)
    assert "Kommissorium godkendt" in page.locator("main [aria-current=step]").inner_text()
    save_screenshot(page, request)
