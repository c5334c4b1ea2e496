"""Browser fixtures: Debian's Chromium driven by Playwright (sync API) against ``live_server``.

One browser for the whole session (starting Chromium costs about a second); a fresh context
(cookies, viewport) and page for every test. Nothing is downloaded: Playwright talks to
``/usr/bin/chromium`` (see tests/conftest.py for what happens when it is missing).
"""

import os
import re

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import CHROMIUM

from .keyboard import KeyboardUser

# Playwright's sync API runs an asyncio event loop in this thread, so Django would refuse the
# test's own database work (creating the world, logging in) as "async unsafe". The loop only
# drives the browser; the ORM calls here are plain synchronous code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
PASSWORD = "password"  # noqa: S105 - tests/factories.py gives every user this password
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOT_DIR = settings.VAR_DIR / "e2e"


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    yield playwright
    playwright.stop()


@pytest.fixture(scope="session")
def browser(playwright_instance):
    executable = CHROMIUM if os.path.exists(CHROMIUM) else None
    browser = playwright_instance.chromium.launch(
        executable_path=executable, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="da-DK")
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def _shared_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="da-DK")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def shared_page(_shared_page):
    """One page for many short checks (the accessibility suite): a new page starts a new
    renderer, about half a second each time. Cookies start empty; ``page.context`` takes new
    ones (``log_in_quickly``, ``choose_language``)."""
    _shared_page.context.clear_cookies()
    _shared_page.goto("about:blank")
    return _shared_page


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport=PHONE,
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
        locale="da-DK",
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def keyboard_user(page):
    return KeyboardUser(page)


def log_in(page, user, password=PASSWORD, next_path=""):
    """Log in through the real login form at /accounts/login/, as a person would."""
    page.goto("/accounts/login/" + (f"?next={next_path}" if next_path else ""))
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(password)
    page.locator("form[action*='/accounts/login/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"login as {user.email} failed: still on {page.url}"


def log_in_quickly(context, base_url, user):
    """Give the browser a session for ``user`` without the form (for checks that are not about
    logging in, e.g. accessibility of every page as every role)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def choose_language(context, base_url, code):
    """Set the cookie the language switch sets (for checks; the journeys use the switch)."""
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "url": base_url}])


def save_screenshot(page, request):
    """A full-page screenshot of the journey's end state: var/e2e/<test-name>.png."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
