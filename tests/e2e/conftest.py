import pytest


@pytest.fixture
def admin_login(live_server):
    """Log a browser page into the admin the way an editor does: the login form."""

    def log_in(page, username: str, password: str) -> None:
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("input[type=submit]")

    return log_in
