"""The d'Hondt calculator with htmx: the result replaces the calculator in place, the URL is
the permalink, Back works, and the focus lands on the result or on the errors."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import save_screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_calculator_updates_its_result_in_place(page, keyboard_user, request):
    kb = keyboard_user
    page.goto("/dhondt/")
    # A mark on the window survives an htmx swap, never a page load.
    page.evaluate("() => { window.samePage = true; }")
    kb.fill("#id_seats", "5")
    for number, (name, size) in enumerate([("C", "12"), ("A", "5"), ("V", "2")], start=1):
        kb.fill(f"#id_name_{number}", name)
        kb.fill(f"#id_size_{number}", size)
    kb.fill("#id_seed", "htmx")
    kb.activate("form button[type=submit]")

    heading = page.get_by_role("heading", name="Resultat")
    expect(heading).to_be_focused()
    expect(page).to_have_url(re.compile(r"/dhondt/\?seats=5&.*seed=htmx"))
    assert page.evaluate("() => window.samePage === true")
    seats = page.get_by_role("table", name="Pladser pr. gruppe")
    expect(seats.get_by_role("row", name="C 4")).to_be_visible()

    kb.fill("#id_seats", "mange")
    kb.activate("form button[type=submit]")
    alert = page.get_by_role("alert")
    expect(alert).to_be_focused()
    expect(alert).to_contain_text("Antallet af pladser skal være et helt tal.")
    assert page.evaluate("() => window.samePage === true")

    page.go_back()
    expect(page.get_by_role("table", name="Pladser pr. gruppe")).to_be_visible()
    expect(page.locator("#id_seats")).to_have_value("5")
    save_screenshot(page, request)
