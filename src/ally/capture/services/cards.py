"""Address books into people: the CSV import's matching, report and batch writer, fed with vCards."""

import contextlib
import dataclasses
from collections.abc import Callable

from django.utils import timezone

from ally.capture import selectors
from ally.capture.models import ContactDetails
from ally.capture.vcards import ContactCard, ContactPoint, PostalAddress, iter_vcards
from ally.core.errors import ValidationError
from ally.imports.locks import import_lock
from ally.imports.matching import ImportReport, PeopleIndex, PersonRecord
from ally.imports.planning import plan_person, without_cyclic_gc
from ally.imports.services import BATCH_SIZE
from ally.people.bulk import PeopleBulkWriter, people_records
from ally.people.contact import is_valid_email, normalise_phones
from ally.workspaces.audit import acting, audit_record, audited, current_actor


@audited(atomic=False, dry_run="dry_run")
def people_import_vcard(*, workspace, data: bytes, dry_run: bool = False, batch_size: int = BATCH_SIZE,
                        progress: Callable[[int], None] | None = None,
                        on_start: Callable[[int], None] | None = None) -> ImportReport:
    """Import the people of a vCard file (3.0 or 4.0, one card or thousands), matched as the CSV import matches.

    The whole file is read before anything is written, so a file that is not an address book writes
    nothing. A card's bad email or phone is left out and reported; the card is skipped only when nothing
    identifying is left. Photos, nicknames, addresses and URLs are kept with the person.
    """
    actor = current_actor()
    warnings = []
    cards = list(iter_vcards(data, warnings=warnings))
    if not cards:
        why = warnings[0].message if warnings else "has no BEGIN:VCARD ... END:VCARD card"
        raise ValidationError({"file": f"is not a vCard address book ({why})"})
    report = ImportReport(dry_run=dry_run, rows=len(cards))
    report.warnings.extend(f"line {w.line}: {w.field}: {w.message}" for w in warnings)
    if on_start:
        on_start(len(cards))
    lock = contextlib.nullcontext() if dry_run else import_lock(workspace)
    with lock, without_cyclic_gc(), acting(user=actor.user, token=actor.token, via="import"):
        _import_cards(workspace, cards, report, dry_run, batch_size, progress)
    return report


def _import_cards(workspace, cards: list[ContactCard], report: ImportReport, dry_run: bool, batch_size: int,
                  progress) -> None:
    index = PeopleIndex(people_records(workspace=workspace))
    writer = PeopleBulkWriter(workspace)
    for start in range(0, len(cards), batch_size):
        batch = cards[start:start + batch_size]
        planned = [(card, _plan_card(workspace, card, index, report)) for card in batch]
        if not dry_run:
            pending = {id(record): record for _card, record in planned if record is not None and record.dirty}
            writer.write(list(pending.values()))
            _keep_details(workspace, [(card, record.id) for card, record in planned if record and record.id])
        if progress:
            progress(len(batch))


def _plan_card(workspace, card: ContactCard, index: PeopleIndex, report: ImportReport) -> PersonRecord | None:
    data = {
        "name": card.name, "emails": _good_emails(card, report), "phones": _good_phones(workspace, card, report),
        "title": card.title, "tags": card.tags, "notes": card.notes, "how_we_met": "",
    }
    if card.birthday:
        data.update(birthday_month=card.birthday.month, birthday_day=card.birthday.day,
                    birthday_year=card.birthday.year)
    return plan_person(workspace, card.line, data, " ".join(card.organization.split()), index, report)


def _good_emails(card: ContactCard, report: ImportReport) -> list[str]:
    """The card's emails that are addresses; the others are reported, so one typo does not lose the person."""
    good = []
    for point in card.emails:
        if is_valid_email(point.value.strip().lower()):
            good.append(point.value)
        else:
            report.warnings.append(f"line {card.line}: email: '{point.value}' is not a valid email address; "
                                   "imported without it")
    return good


def _good_phones(workspace, card: ContactCard, report: ImportReport) -> list[str]:
    good = []
    for point in card.phones:
        errors: dict[str, str] = {}
        if normalise_phones([point.value], workspace.phone_region, errors):
            good.append(point.value)
        elif errors:
            report.warnings.append(f"line {card.line}: phone: {errors['phones']}; imported without it")
    return good


def _keep_details(workspace, cards: list[tuple[ContactCard, int]]) -> None:
    """Photo, nickname, department, addresses and URLs: what a card says that a person has no field for."""
    cards = [(card, person_id) for card, person_id in cards
             if card.photo or card.nickname or card.department or card.addresses or card.urls]
    existing = selectors.contact_details_of(workspace=workspace, person_ids=[pid for _card, pid in cards])
    changed, new = [], {}
    for card, person_id in cards:
        details = existing.get(person_id) or new.setdefault(
            person_id, ContactDetails(workspace=workspace, person_id=person_id))
        if _fill(details, card) and details.pk:
            details.updated_at = timezone.now()  # bulk_update does not apply auto_now
            changed.append(details)
    ContactDetails.objects.bulk_create(new.values())
    ContactDetails.objects.bulk_update(
        changed, ["nickname", "department", "addresses", "urls", "photo", "photo_type", "updated_at"], batch_size=500)


def _fill(details: ContactDetails, card: ContactCard) -> bool:
    """Add what the card says to the details, keeping what they had; whether anything changed."""
    before = (details.nickname, details.department, list(details.addresses), list(details.urls),
              bytes(details.photo or b""))
    details.nickname = details.nickname or card.nickname
    details.department = details.department or card.department
    texts = {a["text"] for a in details.addresses}
    details.addresses = details.addresses + [
        {**dataclasses.asdict(a), "types": list(a.types)} for a in card.addresses if a.text not in texts]
    values = {u["value"] for u in details.urls}
    details.urls = details.urls + [{"value": u.value, "types": list(u.types), "label": u.label}
                                   for u in card.urls if u.value not in values]
    if card.photo:
        details.photo, details.photo_type = card.photo.data, card.photo.mime_type
    return before != (details.nickname, details.department, details.addresses, details.urls,
                      bytes(details.photo or b""))


@audited
def contact_details_keep(*, workspace, details: list[tuple[int, dict]]) -> None:
    """Keep a spreadsheet's nickname, department, postal addresses and websites on the people's address cards
    (the CSV import's `person_contact_details` hook), adding to what the cards already say."""
    cards = []
    for person_id, extras in details:
        card = ContactCard(
            name="", nickname=extras.get("nickname", ""), department=extras.get("department", ""),
            addresses=[PostalAddress(**{k: v for k, v in a.items() if k != "types"}, types=tuple(a.get("types", ())))
                       for a in extras.get("addresses", ())],
            urls=[ContactPoint(value=u["value"], types=tuple(u.get("types", ())), label=u.get("label", ""))
                  for u in extras.get("urls", ())])
        cards.append((card, person_id))
    _keep_details(workspace, cards)
    audit_record(workspace=workspace, action="contact_details.imported", object_type="import",
                 label=f"{len(cards)} address cards", changes={"people": [None, len(cards)]})
