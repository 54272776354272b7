"""Duplicates, merging, a web import with a changed mapping and the person page, in a real browser."""

import re

from playwright.sync_api import expect

from ally.people.models import Person, PersonEmail
from tests.browser.conftest import log_in

FRENCH = ("Nom complet,Courriel,Société\n"
          "Carla Client,carla@example.com,Globex\n"
          "Dan Dealer,dan@example.com,Initech\n").encode()


def test_a_duplicate_warning_leads_to_a_merge(page, demo):
    # given someone of the demo with an email
    email = PersonEmail.objects.filter(workspace=demo, person__membership__isnull=True).order_by("id").first()
    known = email.person
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page)
    # when we add a person with their email
    page.goto("/people/new/")
    page.fill("input[name=name]", "A second record")
    page.fill("textarea[name=emails]", email.address.upper())
    page.click("button[type=submit]:text-is('Save')")
    # then a warning names them, with a link to open them
    warning = page.locator("#duplicates")
    expect(warning).to_contain_text(known.name)
    expect(warning.locator(f"a[href='/people/{known.id}/']")).to_be_visible()
    assert not Person.objects.filter(workspace=demo, name="A second record").exists()
    # when we save and merge
    warning.locator("button[name=save_and_merge]").click()
    # then the merge page shows both side by side with the dry run
    expect(page.locator("#merge-keep")).to_contain_text(known.name)
    expect(page.locator("#merge-other")).to_contain_text("A second record")
    expect(page.locator("#merge-plan")).to_contain_text("What the merge will do")
    # and merging opens the person kept, the second record gone
    page.click("#merge-submit")
    page.wait_for_url(f"**/people/{known.id}/")
    expect(page.locator("h1")).to_have_text(known.name)
    assert not Person.objects.filter(workspace=demo, name="A second record").exists()


def test_a_web_import_with_a_changed_mapping(page, demo):
    log_in(page)
    page.goto("/settings/import/")
    page.set_input_files("#import-file", files=[{"name": "contacts.csv", "mimeType": "text/csv", "buffer": FRENCH}])
    page.click("button[value=upload]")
    # the columns Ally could not tell are offered, each with a select
    expect(page.locator("#import-columns")).to_contain_text("Courriel")
    page.select_option("select[data-column='Nom complet']", "name")
    page.select_option("select[data-column='Courriel']", "email")
    page.select_option("select[data-column='Société']", "organization")
    page.click("#import-check")
    expect(page.locator("#count-new")).to_have_text("2")
    assert not Person.objects.filter(workspace=demo, name="Carla Client").exists()
    page.click("#import-run")
    expect(page.locator("#import-report")).to_contain_text("What the import did")
    carla = Person.objects.get(workspace=demo, name="Carla Client")
    assert carla.organization.name == "Globex"
    assert carla.emails.get().address == "carla@example.com"


def test_the_person_page_remembers_folds_and_refreshes_the_last_contact(page, demo):
    person = Person.objects.filter(workspace=demo, membership__isnull=True, last_contact_at__isnull=True).first() \
        or Person.objects.filter(workspace=demo, membership__isnull=True).order_by("last_contact_at").first()
    log_in(page)
    page.goto(f"/people/{person.id}/")
    expect(page.locator("#avatar")).to_be_visible()
    expect(page.locator("#suggestion")).to_contain_text("Ally suggests")
    expect(page.locator("#brief-link")).to_be_visible()
    expect(page.locator("#danger-zone button.danger")).to_be_visible()
    # a folded section stays folded on the next visit
    page.click("#fold-log_and_timeline > summary")
    expect(page.locator("#fold-log_and_timeline")).not_to_have_attribute("open", re.compile(".*"))
    page.reload()
    expect(page.locator("#fold-log_and_timeline")).not_to_have_attribute("open", re.compile(".*"))
    page.click("#fold-log_and_timeline > summary")
    # logging a call updates the keep-in-touch card without a reload
    page.select_option("#log select[name=kind]", "call")
    page.fill("#log textarea[name=summary]", "Called about the spring order")
    page.click("#log button[type=submit]")
    expect(page.locator("#timeline li").first).to_contain_text("Called about the spring order")
    expect(page.locator("#last-contact")).to_contain_text("Last contact just now")
