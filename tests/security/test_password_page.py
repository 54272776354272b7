"""The page that sets a password applies the same rules as `ally user create`, next to the field."""

import pytest

from ally.workspaces.models import AuditEntry


@pytest.mark.parametrize("password, problem", [("1234", "too short"), ("password1234", "too common"),
                                               ("olivia@acme.example", "too similar")])
def test_a_weak_new_password_is_refused_next_to_the_field(client_olivia, olivia, password, problem):
    response = client_olivia.post("/settings/password/", {"current": "olivia-grows-roses", "password": password})

    assert response.status_code == 422
    assert problem in " ".join(response.context["form"].errors["password"])
    olivia.refresh_from_db()
    assert olivia.check_password("olivia-grows-roses")


def test_the_current_password_must_be_given(client_olivia):
    response = client_olivia.post("/settings/password/", {"current": "wrong-wrong-wrong", "password": "a-long-new-secret"})

    assert response.status_code == 422 and response.context["form"].errors["current"]


def test_a_strong_password_is_set_the_member_stays_signed_in_and_it_is_audited(client_olivia, olivia):
    response = client_olivia.post("/settings/password/", {"current": "olivia-grows-roses",
                                                          "password": "a-long-new-secret"})

    assert response.status_code == 302
    olivia.refresh_from_db()
    assert olivia.check_password("a-long-new-secret")
    assert client_olivia.get("/today/").status_code == 200
    assert AuditEntry.objects.filter(action="user.password_changed").exists()
