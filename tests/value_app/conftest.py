"""Lifetime value's cast: a customer base bought through the real purchase service.

- `buy(person, *days_ago, amount=..., currency=...)`: purchases for a person, each N days ago.
- `customer_base(n, workspace=...)`: n customers with a seeded, realistic mix of one-time buyers,
  steady repeat buyers and customers who stopped coming; returns the people.
- `whale`: Wanda Whale, who bought something big every month for half a year and then went quiet
  eight months ago: the valuable customer at risk.
- `fitted`: Acme with 40 customers (and Wanda) fitted.
"""

import datetime as dt
import random

import pytest
from django.utils import timezone

from ally.ownership.services import purchase_record
from ally.people.services import person_create
from ally.value.fits import value_fit


@pytest.fixture
def buy(workspace):
    """`buy(person, 300, 200, 100, amount="50.00")`: one purchase per number of days ago."""

    def _buy(person, *days_ago: int, amount="100.00", currency="USD"):
        today = timezone.localdate()
        return [purchase_record(workspace=person.workspace, person=person, amount=amount, currency=currency,
                                purchased_on=today - dt.timedelta(days=days)) for days in days_ago]

    return _buy


@pytest.fixture
def customer_base(workspace, buy):
    """`customer_base(n, workspace=None, seed=1)`: n customers, each with a seeded purchase history."""

    def _make(n: int, *, in_workspace=None, seed: int = 1, prefix: str = "Customer"):
        rng = random.Random(seed)
        target = in_workspace or workspace
        people = []
        for i in range(n):
            person = person_create(workspace=target, name=f"{prefix} {i:03d}")
            first = rng.randint(200, 700)
            days, day = [first], first
            gap = rng.uniform(25, 150)
            while rng.random() < 0.75:
                day -= max(1, int(rng.expovariate(1 / gap)))
                if day < 0:
                    break
                days.append(day)
            spend = rng.uniform(20, 200)
            for d in days:
                buy(person, d, amount=f"{spend * rng.uniform(0.7, 1.3):.2f}")
            people.append(person)
        return people

    return _make


@pytest.fixture
def whale(workspace, buy):
    """Wanda Whale: six big monthly purchases, the last one eight months ago."""
    wanda = person_create(workspace=workspace, name="Wanda Whale", emails=["wanda@example.com"])
    buy(wanda, *range(420, 239, -30), amount="9000.00")
    return wanda


@pytest.fixture
def fitted(workspace, customer_base, whale):
    """Acme's 40 customers and Wanda, fitted with BG/NBD."""
    customer_base(40)
    return value_fit(workspace=workspace)
