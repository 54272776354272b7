"""Suggested people: add the person an address belongs to in one step, or never be asked about it again."""

from ally.capture.models import IgnoredAddress
from ally.people.services import person_create
from ally.workspaces.audit import audit_record, audited


@audited(delegates=True)
def suggestion_add(*, workspace, suggestion: dict, name: str = "", author=None):
    """Add the suggested address as a person, named as their messages name them unless `name` is given."""
    address = suggestion["address"]
    return person_create(workspace=workspace, name=name or suggestion["name"] or address.split("@")[0],
                         emails=[address], author=author)


@audited
def suggestion_ignore(*, workspace, suggestion: dict) -> None:
    """Stop suggesting this address, for good."""
    ignored, _new = IgnoredAddress.objects.get_or_create(workspace=workspace, address=suggestion["address"])
    audit_record(workspace=workspace, action="suggestion.ignored", target=ignored)
