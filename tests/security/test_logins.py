"""Failed logins are throttled per username and per address; every password that is set is checked."""

import pytest
from django.test import Client

from ally.core.errors import ValidationError
from ally.workspaces.services import user_create

RIGHT = "olivia-grows-roses"


def _log_in(client: Client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_after_five_wrong_passwords_even_the_right_one_is_refused_with_a_clear_message(olivia, workspace):
    client = Client()
    assert "didn't match" in _log_in(client, "olivia", "guess-guess-guess").content.decode()
    for _ in range(4):
        _log_in(client, "olivia", "guess-guess-guess")

    refused = _log_in(client, "olivia", RIGHT)

    assert refused.status_code == 429
    assert "Too many failed logins" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_username_is_throttled_whichever_address_the_guesses_come_from(olivia, workspace):
    for n in range(5):
        _log_in(Client(), "olivia", "guess-guess-guess", address=f"198.51.100.{n}")

    assert _log_in(Client(), "olivia", RIGHT, address="192.0.2.1").status_code == 429


def test_an_address_is_throttled_whichever_usernames_it_tries(olivia, workspace):
    for n in range(5):
        _log_in(Client(), f"someone-{n}", "guess-guess-guess", address="198.51.100.9")

    assert _log_in(Client(), "olivia", RIGHT, address="198.51.100.9").status_code == 429
    assert _log_in(Client(), "olivia", RIGHT, address="192.0.2.1").status_code == 302


def test_a_few_mistakes_then_the_right_password_logs_in(olivia, workspace):
    client = Client()
    for _ in range(3):
        _log_in(client, "olivia", "guess-guess-guess")

    assert _log_in(client, "olivia", RIGHT).status_code == 302


def test_the_admin_login_is_throttled_too(olivia, workspace):
    for _ in range(5):
        Client().post("/admin/login/", {"username": "olivia", "password": "guess-guess-guess"})

    assert Client().post("/admin/login/", {"username": "olivia", "password": RIGHT}).status_code == 429


@pytest.mark.parametrize("password, problem", [
    ("1234", "too short"),
    ("password", "too short"),
    ("password1234", "too common"),
    ("sam-the-supporter", "too similar to the username"),
    ("1234567890123", "entirely numeric"),
])
def test_weak_passwords_are_refused_naming_the_password(db, password, problem):
    with pytest.raises(ValidationError) as error:
        user_create(username="sam-the-supporter", password=password)

    assert problem in error.value.errors["password"]


@pytest.mark.parametrize("password", ["1234", "password", "sam-the-supporter"])
def test_ally_user_create_refuses_a_weak_password(ally_command, password):
    result = ally_command("user", "create", "sam-the-supporter", "--password", password)

    assert result.exit_code != 0
    assert "password" in result.stderr and "Traceback" not in result.output


def test_ally_user_create_accepts_a_strong_password(ally_command):
    assert ally_command("user", "create", "sam", "--password", "correct horse battery").exit_code == 0
