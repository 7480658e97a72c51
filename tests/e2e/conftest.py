import pytest

from articles.demo.loader import load_demo


@pytest.fixture
def admin_login(live_server):
    """Log a browser page into the admin the way an editor does: the login form."""

    def log_in(page, username: str, password: str) -> None:
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("input[type=submit]")

    return log_in


@pytest.fixture
def demo_site(live_server):
    """The live server with the demo page loaded. Static files come from the finders
    (plain storage unless STATIC_MANIFEST is set), as the live server serves them."""
    load_demo()
    return live_server.url
