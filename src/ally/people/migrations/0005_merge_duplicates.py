"""Before the database refuses duplicates (0006): fill every organization's name key, merge organizations that
share one in a workspace, and give each email address to one person per workspace. Nothing is lost silently:
what was merged or moved is printed, and recorded in the workspace's audit trail."""

from django.db import migrations
from django.utils import timezone


def _key(name):
    return " ".join((name or "").casefold().split())


def _audit(apps, workspace_id, action, label, changes):
    AuditEntry = apps.get_model("workspaces", "AuditEntry")
    AuditEntry.objects.create(workspace_id=workspace_id, at=timezone.now(), action=action, via="system",
                              object_label=label[:200], changes=changes)


def merge_duplicates(apps, schema_editor):
    Organization = apps.get_model("people", "Organization")
    PersonEmail = apps.get_model("people", "PersonEmail")
    kept = {}
    for org in Organization.objects.order_by("id").iterator():
        org.name_key = _key(org.name)
        Organization.objects.filter(id=org.id).update(name_key=org.name_key)
        first = kept.setdefault((org.workspace_id, org.name_key), org)
        if first.id == org.id:
            continue
        # The oldest keeps its name; what it lacks (website, notes) comes from the duplicate; everything that
        # pointed at the duplicate (people, purchases, opportunities, cases...) points at the oldest.
        fill = {field: getattr(org, field) for field in ("website", "notes") if not getattr(first, field)
                and getattr(org, field)}
        if fill:
            Organization.objects.filter(id=first.id).update(**fill)
            for field, value in fill.items():
                setattr(first, field, value)
        for relation in Organization._meta.related_objects:
            if relation.many_to_many or not relation.field.concrete:
                continue
            relation.related_model._base_manager.filter(**{relation.field.name: org.id}) \
                .update(**{relation.field.name: first.id})
        Organization.objects.filter(id=org.id).delete()
        print(f"\n  organization #{org.id} '{org.name}' merged into #{first.id} '{first.name}'", end="")
        _audit(apps, org.workspace_id, "organization.merged", first.name,
               {"merged": [org.id, None], "into": [None, first.id]})
    owners, seen = {}, set()
    for email in PersonEmail.objects.order_by("person_id", "position", "id").iterator():
        address = (email.address or "").strip().lower()
        owner = owners.setdefault((email.workspace_id, address), email.person_id)
        twice = (email.workspace_id, address, email.person_id) in seen
        seen.add((email.workspace_id, address, email.person_id))
        if owner != email.person_id or twice:
            # The address is already someone's (the person added first): this copy goes; the people stay.
            PersonEmail.objects.filter(id=email.id).delete()
            if twice:
                continue  # the same person's second copy of the address
            print(f"\n  email {address} removed from person #{email.person_id}: it is person #{owner}'s", end="")
            _audit(apps, email.workspace_id, "person.email_deduplicated", address,
                   {"person": [email.person_id, owner]})
        elif address != email.address:
            PersonEmail.objects.filter(id=email.id).update(address=address)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_organization_name_key"),
        ("workspaces", "0005_two_factor_and_read_only_tokens"),
    ]

    operations = [
        migrations.RunPython(merge_duplicates, migrations.RunPython.noop),
    ]
