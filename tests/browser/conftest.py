"""Shared set-up for the browser tests: Debian's chromium, driven through Playwright's sync API.

One Playwright and one chromium serve every test in this package; each test gets fresh browser
contexts (own cookies and storage), so tests stay independent of each other.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
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


# Package scope, not session: the Playwright below keeps an event loop running in the test thread for as
# long as it lives. Torn down when the last test of this package finishes, it stops that loop (and drops
# DJANGO_ALLOW_ASYNC_UNSAFE) before any other test runs; session-scoped, every later test would run beside
# a live event loop. Under xdist it is launched once per worker.
@pytest.fixture(scope="package")
def playwright():
    """Playwright, started once for this package's tests.

    Its sync API runs an event loop in the test thread; our ORM calls there (in tests and in pytest-django's
    set-up and flush around them) stay synchronous, so DJANGO_ALLOW_ASYNC_UNSAFE is set exactly while that loop
    runs. Not set at import nor kept past this package: left in os.environ it would leak into
    `manage.py check --deploy` subprocesses of other tests (async.E001).
    """
    if not os.path.exists(CHROMIUM):  # the collection hook already skips; never start without chromium
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as env:
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            yield playwright


@pytest.fixture(scope="package")
def browser(playwright):
    """Chromium, launched once."""
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
