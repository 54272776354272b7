"""The CSV import reads every standard column of Google Contacts' and Outlook's CSV exports: job title, department,
nickname, postal addresses, labelled emails and phones, websites; Google's system groups are not tags. What a
person has no field for is kept on their address card (capture's contact details)."""

import pytest

from ally.capture.models import ContactDetails
from ally.imports.csv_reader import read_people_csv
from ally.imports.fields import contact_extras, person_fields
from ally.imports.services import people_import_csv
from ally.people.models import Person, PersonTag

pytestmark = pytest.mark.django_db

# Google Contacts, Export > Google CSV (2024): the header exactly as written, one contact with two of each.
GOOGLE = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,"
    "Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,"
    "Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,"
    "Phone 2 - Label,Phone 2 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
    "Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,"
    "Website 1 - Label,Website 1 - Value,Website 2 - Label,Website 2 - Value\r\n"
    "Priya,,Raman,,,,Dr.,,Pri,,Initech,VP Engineering,Platform,1985-04-12,Met at PyCon,"
    "https://lh3.googleusercontent.com/contacts/ABC,* myContacts ::: * starred ::: Customers ::: * Friends,"
    "* Work,priya@initech.example,Home,priya.raman@example.com,Mobile,+1 415 555 0100,Work,+1 415 555 0199 ::: "
    "+1 415 555 0198,Work,\"1 Infinite Loop\nCupertino, CA 95014\nUS\",1 Infinite Loop,Cupertino,,CA,95014,US,,"
    "Profile,https://initech.example/priya,Blog,https://priya.example\r\n"
    "Sam,,Solo,,,,,,,,,,,--06-30,,,* myContacts,,sam@example.com,,,,,,,,,,,,,,,,,,,\r\n"
)

# Google Contacts' older export (Google CSV before 2023): "Group Membership", "Organization 1 - Title", "Type".
GOOGLE_OLD = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,Family Name Yomi,"
    "Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,"
    "Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,Group Membership,"
    "E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Address 1 - Type,Address 1 - Formatted,"
    "Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,"
    "Address 1 - Country,Address 1 - Extended Address,Organization 1 - Type,Organization 1 - Name,"
    "Organization 1 - Yomi Name,Organization 1 - Title,Organization 1 - Department,Organization 1 - Symbol,"
    "Organization 1 - Location,Organization 1 - Job Description,Website 1 - Type,Website 1 - Value\r\n"
    "Carla Client,Carla,,Client,,,,,,,,Cee,,,1979-11-02,,,,,,,,,,,,,,* My Contacts ::: VIP,* Work,"
    "carla@globex.example,Work,+49 30 1234567,Work,\"Unter den Linden 1\n10117 Berlin\",Unter den Linden 1,Berlin,,,"
    "10117,Germany,,,Globex,,Head of Buying,Procurement,,,,Work,https://globex.example\r\n"
)

# Outlook (Outlook.com and the new Outlook for Windows), Manage contacts > Export contacts: "Title" is the
# name's prefix, the job is "Job Title"; addresses in Business/Home/Other columns; an empty birthday is 0/0/00.
OUTLOOK = (
    "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,E-mail Address,E-mail 2 Address,"
    "E-mail 3 Address,Home Phone,Home Phone 2,Business Phone,Business Phone 2,Mobile Phone,Car Phone,Other Phone,"
    "Primary Phone,Pager,Business Fax,Home Fax,Other Fax,Company Main Phone,Callback,Radio Phone,Telex,TTY/TDD Phone,"
    "IMAddress,Job Title,Department,Company,Office Location,Manager's Name,Assistant's Name,Assistant's Phone,"
    "Company Yomi,Business Street,Business City,Business State,Business Postal Code,Business Country/Region,"
    "Home Street,Home City,Home State,Home Postal Code,Home Country/Region,Other Street,Other City,Other State,"
    "Other Postal Code,Other Country/Region,Personal Web Page,Spouse,Schools,Hobby,Languages,Birthday,Anniversary,"
    "Notes\r\n"
    "Dan,,Dealer,Mr.,,Danny,,,dan@initech.example,dan.dealer@example.com,,,,+1 212 555 0111,,+1 917 555 0122,,,,,,,,"
    ",,,,,,Account Manager,Sales,Initech,,,,,,350 Fifth Avenue,New York,NY,10118,United States,,,,,,,,,,,"
    "https://dan.example,,,,,0/0/00,0/0/00,Prefers calls\r\n"
)


def _person(workspace, name):
    return Person.objects.get(workspace=workspace, name=name)


def test_google_contacts_every_column_lands_somewhere(workspace):
    report = people_import_csv(workspace=workspace, data=GOOGLE.encode())
    assert len(report.new) == 2
    assert not report.invalid, report.invalid
    priya = _person(workspace, "Priya Raman")
    assert priya.title == "VP Engineering" and priya.organization.name == "Initech"
    assert (priya.birthday_month, priya.birthday_day, priya.birthday_year) == (4, 12, 1985)
    assert list(priya.emails.order_by("position").values_list("address", flat=True)) == [
        "priya@initech.example", "priya.raman@example.com"]
    assert priya.phones.count() == 3  # the mobile, and the work cell holding two numbers
    assert sorted(PersonTag.objects.filter(person=priya).values_list("tag__name", flat=True)) == ["customers", "friends"]  # no myContacts, no starred
    card = ContactDetails.objects.get(person=priya)
    assert (card.nickname, card.department) == ("Pri", "Platform")
    (address,) = card.addresses
    assert address["street"] == "1 Infinite Loop" and address["locality"] == "Cupertino"
    assert address["text"].startswith("1 Infinite Loop\nCupertino") and address["types"] == ["work"]
    assert [(u["value"], u["label"]) for u in card.urls] == [("https://initech.example/priya", "Profile"),
                                                              ("https://priya.example", "Blog")]
    sam = _person(workspace, "Sam Solo")
    assert not PersonTag.objects.filter(person=sam).exists() and (sam.birthday_month, sam.birthday_day, sam.birthday_year) == (6, 30, None)
    assert not ContactDetails.objects.filter(person=sam).exists()
    ignored = next((w for w in report.warnings if w.startswith("columns ignored")), "")
    for kept in ("Nickname", "Organization Department", "Address 1 - City", "Website 1 - Value", "E-mail 1 - Label"):
        assert kept not in ignored


def test_the_same_file_again_adds_nothing_to_the_address_card(workspace):
    people_import_csv(workspace=workspace, data=GOOGLE.encode())
    people_import_csv(workspace=workspace, data=GOOGLE.encode())
    card = ContactDetails.objects.get(person=_person(workspace, "Priya Raman"))
    assert len(card.addresses) == 1 and len(card.urls) == 2
    assert Person.objects.filter(workspace=workspace, name__in=["Priya Raman", "Sam Solo"]).count() == 2


def test_google_contacts_older_export(workspace):
    report = people_import_csv(workspace=workspace, data=GOOGLE_OLD.encode())
    assert not report.invalid, report.invalid
    carla = _person(workspace, "Carla Client")
    assert carla.title == "Head of Buying" and carla.organization.name == "Globex"
    assert list(PersonTag.objects.filter(person=carla).values_list("tag__name", flat=True)) == ["vip"]
    card = ContactDetails.objects.get(person=carla)
    assert (card.nickname, card.department) == ("Cee", "Procurement")
    assert card.addresses[0]["country"] == "Germany" and card.urls[0]["value"] == "https://globex.example"


def test_outlook_export_title_is_the_prefix_and_addresses_are_by_kind(workspace):
    report = people_import_csv(workspace=workspace, data=OUTLOOK.encode())
    assert not report.invalid, report.invalid
    dan = _person(workspace, "Dan Dealer")
    assert dan.title == "Account Manager" and dan.organization.name == "Initech"  # not "Mr."
    assert dan.birthday_month is None  # 0/0/00 is Outlook's empty birthday, not an impossible one
    assert dan.emails.count() == 2 and dan.phones.count() == 2 and dan.notes == "Prefers calls"
    card = ContactDetails.objects.get(person=dan)
    assert (card.nickname, card.department) == ("Danny", "Sales")
    (address,) = card.addresses
    assert address["text"] == "350 Fifth Avenue\n10118 New York NY\nUnited States"
    assert address["region"] == "NY" and address["types"] == ["business"]
    assert card.urls == [{"value": "https://dan.example", "types": [], "label": "personal"}]


def test_the_reader_maps_the_columns_without_a_database():
    parsed = read_people_csv(OUTLOOK.encode())
    row = parsed.rows[0]
    data, organization = person_fields(row, month_first=True)
    assert data["title"] == "Account Manager" and organization == "Initech"
    assert contact_extras(row)["department"] == "Sales"
    assert "Title" not in parsed.columns and "Title" not in parsed.ignored  # read as the prefix, left out


def test_a_dry_run_keeps_no_address_card(workspace):
    people_import_csv(workspace=workspace, data=GOOGLE.encode(), dry_run=True)
    assert not ContactDetails.objects.exists() and not Person.objects.filter(workspace=workspace, name="Priya Raman").exists()
