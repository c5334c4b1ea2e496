"""Journeys as people make them, in Chromium against the live server.

Each journey ends with a full-page screenshot under var/e2e/<test-name>.png.
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD, log_in, save_screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _no_horizontal_scroll(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_visitor_on_phone_finds_running_committees_members_and_switches_language(
    phone_page, world, request
):
    page = phone_page
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    running = page.locator("section", has=page.get_by_role("heading", name=re.compile("Igang")))
    expect(running.get_by_role("link", name="Klimatilpasning")).to_be_visible()
    expect(running.get_by_role("link", name="Seniorliv")).to_be_visible()
    assert _no_horizontal_scroll(page), "the front page scrolls sideways on a phone"

    running.get_by_role("link", name="Klimatilpasning").click()
    expect(page).to_have_url(re.compile(r"/udvalg/klima/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Klimatilpasning")
    members = page.get_by_role("table", name="Nuværende medlemmer")
    expect(members.get_by_role("link", name="Birgitte Borgmester")).to_be_visible()
    expect(members.get_by_role("link", name="Cecilie Borger")).to_be_visible()
    expect(page.get_by_role("heading", name="Tidligere medlemmer")).to_be_visible()
    assert _no_horizontal_scroll(page), "the body page scrolls sideways on a phone"

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/udvalg/klima/$"))
    expect(page.get_by_role("heading", name="Members", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Former members")).to_be_visible()

    page.get_by_role("button", name="Dansk").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("heading", name="Medlemmer", exact=True)).to_be_visible()
    save_screenshot(page, request)


def test_council_member_logs_in_and_reaches_their_bodies_via_my_page(page, world, request):
    page.goto("/")
    page.get_by_role("link", name="Log ind").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    page.get_by_label("E-mail").fill(world.mayor_user.email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(re.compile(r"/$"))

    page.get_by_role("link", name="Birgitte Borgmester").click()
    expect(page).to_have_url(re.compile(r"/konto/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Min side")
    seats = page.get_by_role("table", name="Mine pladser")
    expect(seats.get_by_role("link", name="Klimatilpasning")).to_be_visible()
    expect(seats.get_by_role("link", name="Kommunalbestyrelsen")).to_be_visible()

    seats.get_by_role("link", name="Klimatilpasning").click()
    expect(page).to_have_url(re.compile(r"/udvalg/klima/$"))
    chair = page.get_by_role("row", name=re.compile("Birgitte Borgmester"))
    expect(chair).to_contain_text("Formand")
    save_screenshot(page, request)


def test_visitor_with_keyboard_only_skips_to_content_and_uses_dhondt_calculator(
    page, keyboard_user, world, request
):
    kb = keyboard_user
    page.goto("/dhondt/")
    kb.skip_to_content()

    kb.fill("#id_seats", "5")
    for number, (name, size) in enumerate([("C", "12"), ("A", "5"), ("V", "2")], start=1):
        kb.fill(f"#id_name_{number}", name)
        kb.fill(f"#id_size_{number}", size)
    kb.fill("#id_seed", "keyboard")
    kb.activate("form button[type=submit]")

    expect(page.get_by_role("heading", name="Resultat")).to_be_visible()
    seats = page.get_by_role("table", name="Pladser pr. gruppe")
    expect(seats.get_by_role("row", name="C 4")).to_be_visible()
    expect(seats.get_by_role("row", name="A 1")).to_be_visible()
    expect(page.locator("#id_seats")).to_have_value("5")
    save_screenshot(page, request)


def test_log_in_helper_uses_the_real_form(page, world):
    log_in(page, world.citizen_user)
    expect(page).to_have_url(re.compile(r"/konto/$"))
    expect(page.get_by_role("status")).to_contain_text("cecilie@private.example.org")
