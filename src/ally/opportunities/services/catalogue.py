"""The workspace's catalogues: what we offer, the alternatives we recommend when we are not the fit, and
the bank of open discovery questions."""

from ally.core.validation import (
    NAME_LENGTH,
    clean_amount,
    clean_choice,
    clean_currency,
    clean_int,
    clean_text,
    clean_url,
    raise_errors,
    unknown_fields,
)
from ally.opportunities.models import Alternative, DiscoveryQuestion, Driver, Offering, QuestionBankSeed
from ally.opportunities.question_bank import DEFAULT_QUESTIONS
from ally.workspaces.audit import audit_record, audited, created, diff, snapshot

OFFERING_FIELDS = ("name", "description", "price", "currency", "active")
ALTERNATIVE_FIELDS = ("name", "vendor", "good_for", "website", "active")
QUESTION_FIELDS = ("text", "driver", "purpose", "position", "active")
DESCRIPTION_LENGTH = 5000


def _clean_catalogue(model, workspace_id: int, data: dict, errors: dict, *, instance=None) -> dict:
    clean = dict(data)
    if "name" in data:
        clean["name"] = clean_text(data["name"], "name", errors, required=True)
        duplicate = model.objects.filter(workspace_id=workspace_id, name__iexact=clean["name"])
        if instance is not None:
            duplicate = duplicate.exclude(id=instance.id)
        if clean["name"] and "name" not in errors and duplicate.exists():
            errors["name"] = f"'{clean['name']}' is already in the catalogue"
    for field in ("description", "good_for"):
        if field in data:
            clean[field] = clean_text(data[field], field, errors, max_length=DESCRIPTION_LENGTH, multiline=True)
    if "vendor" in data:
        clean["vendor"] = clean_text(data["vendor"], "vendor", errors)
    if "website" in data:
        clean["website"] = clean_url(data["website"], "website", errors)
        if len(clean["website"]) > NAME_LENGTH:
            errors["website"] = f"is longer than {NAME_LENGTH} characters"
    if "currency" in data:
        clean["currency"] = clean_currency(data["currency"], "currency", errors, required=False)
    if "price" in data:
        clean["price"] = clean_amount(data["price"], "price", errors, currency=clean.get("currency", ""),
                                      required=False)
    if "active" in data:
        clean["active"] = bool(data["active"])
    return clean


@audited
def offering_create(*, workspace, name: str, description: str = "", price=None, currency: str = "",
                    active: bool = True) -> Offering:
    """Add something the workspace offers to its catalogue."""
    errors: dict[str, str] = {}
    clean = _clean_catalogue(Offering, workspace.id, {"name": name, "description": description, "price": price,
                                                      "currency": currency, "active": active}, errors)
    if clean["price"] is not None and not clean["currency"]:
        clean["currency"] = workspace.default_currency
    raise_errors(errors)
    offering = Offering.objects.create(workspace=workspace, **clean)
    audit_record(workspace=workspace, action="offering.created", target=offering, changes=created(clean))
    return offering


@audited
def offering_update(*, offering: Offering, **changes) -> Offering:
    unknown_fields(changes, OFFERING_FIELDS, "an offering")
    errors: dict[str, str] = {}
    clean = _clean_catalogue(Offering, offering.workspace_id, changes, errors, instance=offering)
    raise_errors(errors)
    before = snapshot(offering, OFFERING_FIELDS)
    for field, value in clean.items():
        setattr(offering, field, value)
    if offering.price is not None and not offering.currency:
        offering.currency = offering.workspace.default_currency
    offering.save()
    audit_record(workspace=offering.workspace_id, action="offering.updated", target=offering,
                 changes=diff(before, snapshot(offering, OFFERING_FIELDS)))
    return offering


@audited
def alternative_create(*, workspace, name: str, vendor: str = "", good_for: str = "", website: str = "",
                       active: bool = True) -> Alternative:
    """Add another vendor's product or service to the catalogue of alternatives we recommend."""
    errors: dict[str, str] = {}
    clean = _clean_catalogue(Alternative, workspace.id, {"name": name, "vendor": vendor, "good_for": good_for,
                                                         "website": website, "active": active}, errors)
    raise_errors(errors)
    alternative = Alternative.objects.create(workspace=workspace, **clean)
    audit_record(workspace=workspace, action="alternative.created", target=alternative, changes=created(clean))
    return alternative


@audited
def alternative_update(*, alternative: Alternative, **changes) -> Alternative:
    unknown_fields(changes, ALTERNATIVE_FIELDS, "an alternative")
    errors: dict[str, str] = {}
    clean = _clean_catalogue(Alternative, alternative.workspace_id, changes, errors, instance=alternative)
    raise_errors(errors)
    before = snapshot(alternative, ALTERNATIVE_FIELDS)
    for field, value in clean.items():
        setattr(alternative, field, value)
    alternative.save()
    audit_record(workspace=alternative.workspace_id, action="alternative.updated", target=alternative,
                 changes=diff(before, snapshot(alternative, ALTERNATIVE_FIELDS)))
    return alternative


@audited
def question_bank_seed(*, workspace) -> int:
    """Give a workspace its own copy of the default discovery questions, once; returns how many were added.

    After the first time it adds nothing, so questions a team edited or deleted stay as the team left them.
    """
    _marker, made = QuestionBankSeed.objects.get_or_create(workspace=workspace)
    added = 0
    if made:
        rows = [DiscoveryQuestion(workspace=workspace, driver=driver, purpose=purpose, text=text, position=index)
                for index, (driver, purpose, text) in enumerate(DEFAULT_QUESTIONS)]
        added = len(DiscoveryQuestion.objects.bulk_create(rows, ignore_conflicts=True))
    audit_record(workspace=workspace, action="question_bank.seeded", object_type="questionbank",
                 changes={"questions": [0, added]} if added else {})
    return added


def _clean_question(workspace_id: int, data: dict, errors: dict, *, instance=None) -> dict:
    clean = dict(data)
    if "driver" in data:
        clean_choice(data["driver"], Driver.values, "driver", errors)
    if "purpose" in data:
        clean_choice(data["purpose"], DiscoveryQuestion.Purpose.values, "purpose", errors)
    if "text" in data:
        clean["text"] = clean_text(data["text"], "text", errors, required=True, max_length=500)
        duplicate = DiscoveryQuestion.objects.filter(workspace_id=workspace_id, text=clean["text"])
        if instance is not None:
            duplicate = duplicate.exclude(id=instance.id)
        if clean["text"] and "text" not in errors and duplicate.exists():
            errors["text"] = "is already in the question bank"
    if "position" in data:
        clean["position"] = clean_int(data["position"], "position", errors, low=0, high=10_000)
        if "position" in errors:
            errors["position"] = f"'{data['position']}' is not a position (0 or more)"
    if "active" in data:
        clean["active"] = bool(data["active"])
    return clean


@audited
def discovery_question_create(*, workspace, text: str, driver: str, purpose: str = DiscoveryQuestion.Purpose.NEED,
                              position: int | None = None, active: bool = True) -> DiscoveryQuestion:
    """Add an open question to the workspace's bank."""
    if not QuestionBankSeed.objects.filter(workspace=workspace).exists():
        question_bank_seed(workspace=workspace)
    errors: dict[str, str] = {}
    clean = _clean_question(workspace.id, {"text": text, "driver": driver, "purpose": purpose, "active": active},
                            errors)
    if position is not None:
        clean.update(_clean_question(workspace.id, {"position": position}, errors))
    raise_errors(errors)
    if position is None:
        last = DiscoveryQuestion.objects.filter(workspace=workspace, driver=driver).order_by("-position").first()
        clean["position"] = last.position + 1 if last else 0
    question = DiscoveryQuestion.objects.create(workspace=workspace, **clean)
    audit_record(workspace=workspace, action="discovery_question.created", target=question, changes=created(clean))
    return question


@audited
def discovery_question_update(*, question: DiscoveryQuestion, **changes) -> DiscoveryQuestion:
    unknown_fields(changes, QUESTION_FIELDS, "a discovery question")
    errors: dict[str, str] = {}
    clean = _clean_question(question.workspace_id, changes, errors, instance=question)
    raise_errors(errors)
    before = snapshot(question, QUESTION_FIELDS)
    for field, value in clean.items():
        setattr(question, field, value)
    question.save()
    audit_record(workspace=question.workspace_id, action="discovery_question.updated", target=question,
                 changes=diff(before, snapshot(question, QUESTION_FIELDS)))
    return question


@audited
def discovery_question_delete(*, question: DiscoveryQuestion) -> None:
    audit_record(workspace=question.workspace_id, action="discovery_question.deleted", target=question,
                 changes={"text": [question.text, None]})
    question.delete()
