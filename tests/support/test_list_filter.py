"""The cases list's one filter, on the page, in the API and on the command line, with the same names."""

import json

import pytest


def _ids(rows) -> list[int]:
    return [row["id"] for row in rows]


def test_cases_filtered_alike_on_every_edge(open_case, sam, client_olivia, api, ally_command, today):
    mine = open_case(title="The invoice is wrong", severity="urgent")
    sams = open_case(title="The login is slow", champion=sam)
    page = client_olivia.get("/cases/?mine=1&severity=urgent")
    assert page.status_code == 200
    assert mine.title in page.content.decode() and sams.title not in page.content.decode()
    assert _ids(api.get("/cases", {"mine": "true", "severity": "urgent"}).json()["items"]) == [mine.id]
    assert _ids(api.get("/cases", {"champion_id": sam.id}).json()["items"]) == [sams.id]
    assert _ids(json.loads(ally_command("case", "list", "--mine", "--member", "olivia", "--severity", "urgent",
                                        "--json").output)) == [mine.id]
    assert _ids(json.loads(ally_command("case", "list", "--champion", "sam", "--json").output)) == [sams.id]
    day = today.isoformat()
    assert set(_ids(api.get("/cases", {"opened_after": day, "opened_before": day}).json()["items"])) == \
        {mine.id, sams.id}
    shown = ally_command("case", "list", "--opened-after", day, "--opened-before", day, "--json")
    assert set(_ids(json.loads(shown.output))) == {mine.id, sams.id}


@pytest.mark.parametrize("query, field", [("champion_id=abc", "champion_id"), ("severity=apocalyptic", "severity"),
                                          ("state=forgotten", "state"), ("status=lost", "status"),
                                          ("opened_after=2026-03-02&opened_before=2026-03-01", "opened_before")])
def test_cases_refuse_bad_values_by_name(workspace, client_olivia, api, query, field):
    page = client_olivia.get(f"/cases/?{query}")
    assert page.status_code == 400 and field in page.content.decode()
    answer = api.get(f"/cases?{query}")
    assert answer.status_code == 422 and field in answer.content.decode()


@pytest.mark.parametrize("args, field", [(("--state", "forgotten"), "state"), (("--severity", "huge"), "severity"),
                                         (("--opened-after", "monday"), "opened_after")])
def test_the_command_line_refuses_bad_values_in_one_line(workspace, ally_command, args, field):
    refused = ally_command("case", "list", *args)
    assert refused.exit_code == 1 and refused.output.count("\n") == 1 and field in refused.output
