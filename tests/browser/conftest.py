import pytest


@pytest.fixture(autouse=True)
def _sync_orm_beside_playwright(monkeypatch):
    """Playwright's sync API runs an event loop in the test thread; our ORM calls there stay synchronous.

    Set per test (not at import) so the flag never leaks into other tests' subprocesses.
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
