import datetime as dt

from django.utils import timezone

from ally.interactions.services import follow_up_add
from ally.people.services import person_update


def test_today_lists_what_is_due_ranked_with_reasons_and_openers(api, alice, bob, days_ago):
    # given: Alice is overdue on her cadence, and Olivia promised Bob something yesterday
    alice.created_at = days_ago(45)
    person_update(person=alice, cadence_days=30)
    follow_up_add(person=bob, text="send the brochure", due_on=timezone.localdate() - dt.timedelta(days=1))
    # when
    body = api.get("/today").json()
    # then
    assert body["count"] == 2
    by_kind = {item["kind"]: item for item in body["items"]}
    assert by_kind["follow_up"]["person_name"] == "Bob Builder"
    assert by_kind["follow_up"]["reason"].startswith("you promised")
    assert by_kind["keep_in_touch"]["opener"]
    assert body["items"][0]["priority"] >= body["items"][1]["priority"]
    assert [i["kind"] for i in api.get("/today", {"kind": "follow_up"}).json()["items"]] == ["follow_up"]
    assert api.get("/today", {"limit": 1}).json()["count"] == 2


def test_today_refuses_a_limit_out_of_range(api, workspace):
    assert api.get("/today", {"limit": 0}).status_code == 422
