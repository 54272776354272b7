"""Dedupe under imports: rows with different email addresses are never merged on name similarity alone.

(The per-workspace import lock, the database's uniqueness of email addresses and organizations, and the
parallel-process test are not built yet; see docs/security.md.)"""

import pytest

from ally.imports.services import people_import_csv
from ally.people.models import Person

pytestmark = pytest.mark.django_db


def test_similar_names_with_different_emails_stay_different_people(workspace):
    rows = "".join(f"Conc Person {n:05},conc{n}@example.com,Conc Inc\n" for n in range(1, 301))
    people_import_csv(workspace=workspace, data=("name,email,organization\n" + rows).encode())
    assert Person.objects.filter(workspace=workspace, name__startswith="Conc Person").count() == 300


def test_a_similar_name_without_an_email_still_matches_at_the_same_organization(workspace):
    people_import_csv(workspace=workspace, data=b"name,email,organization\nJohn Smith,john@example.com,Acme\n")
    report = people_import_csv(workspace=workspace, data=b"name,organization,title\nJon Smith,Acme,Buyer\n")
    assert report.new == [] and Person.objects.filter(workspace=workspace, name__icontains="smith").count() == 1
