"""Act from Today without leaving it: a promise kept, a contact logged, an item snoozed; the address never
changes, each line says what was done where the item was, and the counts above the list follow."""

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from ally.agenda.models import Snooze
from ally.interactions.models import FollowUp
from ally.interactions.services import follow_up_add
from ally.people.models import Person
from tests.browser.conftest import log_in


def _count(page, kind: str) -> int:
    return int(page.locator(f"#today-counts [data-kind-count={kind}]").inner_text())


def test_act_from_today_without_leaving_it(page, demo):
    # given a promise due today on the demo's Today
    person = Person.objects.filter(workspace=demo, membership__isnull=True).order_by("name").first()
    promise = follow_up_add(person=person, text="Send the spring catalogue", due_on=timezone.localdate())
    log_in(page)
    url = page.url
    total = int(page.locator("#today-counts [data-count=total]").inner_text())
    promises = _count(page, "follow_up")
    order = page.locator("#today-items li[data-key]").evaluate_all("items => items.map(i => i.dataset.key)")
    key = f"follow_up-{promise.id}"
    due = page.locator("#today-due li[data-key]").evaluate_all("items => items.map(i => i.dataset.key)")
    assert key in due and order[:len(due)] == due  # due today: in the first group, whatever its rank

    # when the promise is marked done
    page.locator(f"#item-{key} button", has_text="Done").click()
    # then its line says so in place and the counts follow
    expect(page.locator(f"#item-{key}")).to_contain_text("Promise kept: Send the spring catalogue")
    expect(page.locator("#today-counts [data-kind-count=follow_up]")).to_have_text(str(promises - 1)) \
        if promises > 1 else expect(page.locator("#today-counts [data-kind-count=follow_up]")).to_have_count(0)
    expect(page.locator("#today-counts [data-count=total]")).to_have_text(str(total - 1))
    assert FollowUp.objects.get(id=promise.id).done_at is not None

    # when a contact is logged on a keep-in-touch item
    overdue = page.locator("#today-items li[data-kind=keep_in_touch]:not([data-done])").first
    overdue_key = overdue.get_attribute("data-key")
    overdue.locator("summary", has_text="Log a contact").click()
    overdue.locator("select[name=kind]").select_option("call")
    overdue.locator("textarea[name=summary]").fill("Called about the spring plans")
    overdue.locator("button", has_text="Log it").click()
    logged = page.locator(f"#item-{overdue_key}")
    expect(logged).to_contain_text("Logged a call with")
    expect(page.locator("#today-counts [data-count=total]")).to_have_text(str(total - 2))

    # when a third item is snoozed to next week
    third = page.locator("#today-items li[data-key]:not([data-done])").first
    third_key = third.get_attribute("data-key")
    third.locator("summary", has_text="Snooze").click()
    until = timezone.localdate() + dt.timedelta(days=7)
    third.locator("input[name=until]").fill(until.isoformat())
    third.locator("button", has_text="Snooze").click()
    expect(page.locator(f"#item-{third_key}")).to_contain_text("Snoozed until")
    expect(page.locator("#today-counts [data-count=total]")).to_have_text(str(total - 3))
    assert Snooze.objects.get(workspace=demo).until == until

    # and the page never left Today, in the same order
    assert page.url == url
    now = page.locator("#today-items li[data-key]").evaluate_all("items => items.map(i => i.dataset.key)")
    assert now == order

    # and a reload no longer shows the three
    page.reload()
    keys = page.locator("#today-items li[data-key]").evaluate_all("items => items.map(i => i.dataset.key)")
    assert not {key, overdue_key, third_key} & set(keys)


def test_a_bad_snooze_shows_the_error_in_place(page, demo):
    log_in(page)
    item = page.locator("#today-items li[data-key]").first
    key = item.get_attribute("data-key")
    item.locator("summary", has_text="Snooze").click()
    # the browser's own check would refuse a day before `min`; remove it to see the server's answer
    item.locator("input[name=until]").evaluate("input => input.removeAttribute('min')")
    item.locator("input[name=until]").fill((timezone.localdate() - dt.timedelta(days=2)).isoformat())
    item.locator("button", has_text="Snooze").click()
    expect(page.locator(f"#item-{key} .error")).to_contain_text("must be after today")
    assert re.search(r"/today/$", page.url)
