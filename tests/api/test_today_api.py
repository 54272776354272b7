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


def test_today_pages_with_limit_and_offset_and_counts_every_kind(api, workspace, alice, bob, days_ago):
    for person in (alice, bob):
        person.cadence_days, person.touch_due_at = 30, days_ago(3)
        person.save()
    follow_up_add(person=bob, text="send the brochure", due_on=timezone.localdate())
    everything = api.get("/today").json()
    first, rest = api.get("/today", {"limit": 2}).json(), api.get("/today", {"limit": 2, "offset": 2}).json()
    assert [i["key"] for i in first["items"] + rest["items"]] == [i["key"] for i in everything["items"]]
    assert first["count"] == rest["count"] == 3 and len(rest["items"]) == 1
    # a promise due today comes first, whatever its rank
    assert everything["items"][0]["kind"] == "follow_up" and everything["items"][0]["due_today"] is True
    assert everything["due_today"] == 1 and everything["kinds"] == {"keep_in_touch": 2, "follow_up": 1}
    assert everything["items"][0]["person_url"] == f"/people/{bob.id}/"
    chosen = api.get("/today", {"kind": "follow_up"}).json()
    assert chosen["count"] == 1 and chosen["kinds"] == everything["kinds"]


def test_today_refuses_an_unknown_kind_naming_it(api, workspace):
    response = api.get("/today", {"kind": ["follow_up", "pigeon"]})
    assert response.status_code == 422
    assert "unknown kind 'pigeon'" in str(response.json())
    assert api.get("/today", {"offset": -1}).status_code == 422
