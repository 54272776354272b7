"""The security tests' cast: Rae, a read-only member of Acme, and Max, an ordinary member."""

import pytest
from django.test import Client

from ally.workspaces.models import Membership
from ally.workspaces.services import api_token_create, membership_add, user_create
from tests.conftest import ApiClient


@pytest.fixture
def rae(workspace):
    """Rae Reader: a read-only member of Acme (an assistant who looks things up, changes nothing)."""
    user = user_create(username="rae", password="rae-reader-pw", email="rae@acme.example", first_name="Rae",
                       last_name="Reader")
    membership_add(workspace=workspace, user=user, role=Membership.Role.READ_ONLY)
    return user


@pytest.fixture
def max_member(workspace):
    """Max Member: a member of Acme who works with all the data but does not manage the team."""
    user = user_create(username="max", password="max-member-pw", email="max@acme.example", first_name="Max",
                       last_name="Member")
    membership_add(workspace=workspace, user=user, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def rae_api(rae, workspace) -> ApiClient:
    """Rae calling the API for Acme with her own token (issued by the installation, as `ally token create`)."""
    return ApiClient(api_token_create(user=rae, workspace=workspace, name="rae's lookups")[1])


@pytest.fixture
def max_api(max_member, workspace) -> ApiClient:
    return ApiClient(api_token_create(user=max_member, workspace=workspace, name="max's script")[1])


@pytest.fixture
def client_rae(rae) -> Client:
    client = Client()
    client.force_login(rae)
    return client


@pytest.fixture
def client_max(max_member) -> Client:
    client = Client()
    client.force_login(max_member)
    return client
