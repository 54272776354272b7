import pytest

from tests.security.conftest import client_max, client_rae, max_member, rae  # noqa: F401  (Acme's other members)


@pytest.fixture
def alice_purchase(record, garden_plan, alice):
    """Alice bought the garden plan three days ago: her day-3 check-in is due today."""
    return record(alice, days_ago=3, amount="1200.00", offering=garden_plan)
