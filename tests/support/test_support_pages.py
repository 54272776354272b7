import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ally.support.models import Case
from ally.support.services import case_open, case_reply


def test_opening_a_case_on_its_page(client_olivia, alice, membership):
    page = client_olivia.get(f"/cases/new/?person={alice.id}").content.decode()
    assert f"Alice Ally (#{alice.id})" in page
    response = client_olivia.post("/cases/new/", {"person": f"Alice Ally (#{alice.id})", "title": "Wrong size",
                                                  "severity": "high", "champion": membership.id})
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == f"/cases/{case.id}/"
    html = client_olivia.get(response.url).content.decode()
    assert "Wrong size" in html and "Olivia Owner" in html and "First response" in html


def test_a_case_without_a_title_or_for_nobody_shows_the_errors(client_olivia, alice, membership):
    response = client_olivia.post("/cases/new/", {"person": f"#{alice.id}", "title": " ", "severity": "normal",
                                                  "champion": membership.id})
    assert response.status_code == 422 and 'id="id_title-error">is required' in response.content.decode()
    response = client_olivia.post("/cases/new/", {"person": "Nobody at all", "title": "Broken", "severity": "normal",
                                                  "champion": membership.id})
    assert response.status_code == 422 and "person &#x27;Nobody at all&#x27; not found" in response.content.decode()
    assert not Case.objects.exists()


def test_the_case_page_actions_from_reply_to_confirmed_fix(client_olivia, open_case, sam):
    case = open_case()
    base = f"/cases/{case.id}"
    assert client_olivia.post(f"{base}/reply/", {"text": "We are on it"}).status_code == 302
    assert client_olivia.post(f"{base}/escalate/", {"to": sam.id, "reason": "Needs billing"}).status_code == 302
    assert client_olivia.post(f"{base}/apologise/", {"text": ""}).status_code == 302
    refused = client_olivia.post(f"{base}/status/", {"status": "confirmed_fixed"})
    assert refused.status_code == 422 and "needs the customer&#x27;s confirmation" in refused.content.decode()
    assert client_olivia.post(f"{base}/confirm/", {"text": "Alice: all good now"}).status_code == 302
    html = client_olivia.get(f"{base}/").content.decode()
    assert 'id="case-status">Confirmed fixed' in html
    for kind in ("reply", "escalated", "apology", "confirmation"):
        assert f'data-kind="{kind}"' in html


def test_an_unknown_action_is_404(client_olivia, open_case):
    assert client_olivia.post(f"/cases/{open_case().id}/delete/").status_code == 404


def test_escalating_to_someone_outside_the_team_shows_an_error(client_olivia, open_case, rex_membership):
    response = client_olivia.post(f"/cases/{open_case().id}/escalate/", {"to": rex_membership.id, "reason": "x"})
    assert response.status_code == 422


def test_the_sla_targets_page(client_olivia, workspace):
    from ally.support.selectors import support_settings

    assert client_olivia.get("/cases/sla/").status_code == 200
    fields = {name: 4 for name in support_settings(workspace=workspace).TARGET_FIELDS}
    assert client_olivia.post("/cases/sla/", {**fields, "urgent_first_response_hours": 2}).status_code == 302
    assert support_settings(workspace=workspace).urgent_first_response_hours == 2
    bad = client_olivia.post("/cases/sla/", {**fields, "low_resolution_hours": 0})
    assert bad.status_code == 422 and "must be between 1 and 8760 hours" in bad.content.decode()


def test_another_workspaces_cases_are_404_on_every_page(client_olivia, other_workspace, rita, rex_membership):
    case = case_open(workspace=other_workspace, person=rita, title="Rival problem", champion=rex_membership)
    assert client_olivia.get(f"/cases/{case.id}/").status_code == 404
    assert client_olivia.get(f"/cases/new/?person={rita.id}").status_code == 404
    for action, data in (("reply", {"text": "x"}), ("status", {"status": "in_progress"}), ("confirm", {"text": "x"}),
                         ("apologise", {}), ("note", {"text": "x"})):
        assert client_olivia.post(f"/cases/{case.id}/{action}/", data).status_code == 404
    created = client_olivia.post("/cases/new/", {"person": f"#{rita.id}", "title": "Steal", "severity": "low",
                                                 "champion": rex_membership.id})
    assert created.status_code == 422
    assert "Rival problem" not in client_olivia.get("/cases/?state=all").content.decode()
    assert Case.objects.get().status == "open"


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/cases/", "/cases/?state=all&mine=1", "/cases/?severity=urgent"])
def test_the_case_list_issues_the_same_queries_for_few_and_many_cases(client_olivia, open_case, url):
    def populate(n):
        for i in range(n):
            case = open_case(hours_ago=i % 5, severity=("low", "normal", "high", "urgent")[i % 4])
            case_reply(case=case, text="Hi")

    populate(4)
    few = _count(client_olivia, url)
    populate(30)
    assert _count(client_olivia, url) == few


def test_the_case_page_issues_the_same_queries_however_long_its_history(client_olivia, open_case, sam):
    case = open_case()
    few = _count(client_olivia, f"/cases/{case.id}/")
    for i in range(15):
        case_reply(case=case, text=f"Update {i}")
    from ally.support.services import case_escalate

    case_escalate(case=case, to=sam, reason="Help")
    assert _count(client_olivia, f"/cases/{case.id}/") == few
