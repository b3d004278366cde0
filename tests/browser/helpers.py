"""Steps shared by the browser tests."""

from tests.factories import PASSWORD


def log_in(page, base_url, email, password=PASSWORD):
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Kata sandi").fill(password)
    page.locator("main").get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base_url}/")
