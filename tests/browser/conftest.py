"""Shared set-up for the browser tests: Debian's chromium, driven through Playwright's sync API.

Each test gets its own chromium and fresh browser contexts (own cookies and storage), so tests stay
independent of each other and of the database work around them.
"""

import os
from pathlib import Path

import pytest

# Debian's chromium; CHROMIUM points the tests at another build of it (e.g. one unpacked without root).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A phone-sized tab asking for Indonesian pages.
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "id-ID", "is_mobile": True}
TIMEOUT_MS = 15_000

needs_chromium = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
)

_HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    """Skip every test in this package when chromium is missing (before any browser fixture is set up)."""
    for item in items:
        if _HERE in item.path.parents:
            item.add_marker(needs_chromium)


@pytest.fixture
def browser(monkeypatch):
    """Chromium through Playwright, per test.

    Started after pytest-django has set up the test's database (autouse fixtures come first) and
    stopped before it is flushed, so Django's database work never runs beside Playwright's event
    loop. While the loop runs, the ORM calls made in the test itself stay synchronous, hence the
    flag, set for this test only so it never leaks into other tests' subprocesses.
    """
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_phone(browser):
    """Opens a fresh phone-sized tab, each in its own context (own cookies), e.g. one per person in a test."""
    contexts = []

    def open_phone():
        context = browser.new_context(**PHONE)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_phone
    for context in contexts:
        context.close()


@pytest.fixture
def phone(open_phone):
    """A browser tab the size of a phone, asking for Indonesian pages."""
    return open_phone()
