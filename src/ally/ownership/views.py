"""Pages for purchases, check-ins and their playbooks, feedback, referrals, and the Customers made dashboard."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ally.core.errors import NotFound, ValidationError
from ally.core.pages import apply_errors, bad_query, workspace_view
from ally.ownership import forms, selectors, services
from ally.ownership.filters import CheckInFilter, PurchaseFilter
from ally.ownership.models import CheckIn, Referral
from ally.people.selectors import access_person, resolve_person_reference

PAGE_SIZE = 50


def _form_page(request, form, title: str, *, person=None, back: str = "", status: int | None = None):
    status = status or (422 if request.method == "POST" else 200)
    return render(request, "ownership/form.html", {"form": form, "title": title, "person": person, "back": back},
                  status=status)


# Purchases ---------------------------------------------------------------------------------------


@workspace_view
def purchase_create(request, person_id):
    person = access_person(workspace=request.workspace, person_id=person_id)
    offerings = selectors.offerings(workspace=request.workspace)
    form = forms.PurchaseForm(request.POST or None, offerings=offerings, initial={
        "currency": request.workspace.default_currency, "purchased_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            offering = selectors.access_offering(workspace=request.workspace, offering_id=data["offering"]) \
                if data["offering"] else None
            purchase = services.purchase_record(
                workspace=request.workspace, person=person, offering=offering, description=data["description"],
                amount=data["amount"], currency=data["currency"], purchased_on=data["purchased_on"],
                author=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            scheduled = purchase.check_ins.count()
            messages.success(request, f"Recorded {purchase.label} for {person.name}; "
                                      f"{scheduled} check-in{'s' if scheduled != 1 else ''} scheduled.")
            return redirect("ownership:purchase", purchase.id)
    return _form_page(request, form, f"Record a purchase by {person.name}", person=person)


@workspace_view
def purchase_list(request):
    try:
        filters = PurchaseFilter.from_query(request.GET)
    except ValidationError as exc:
        return bad_query(request, exc)
    purchases = selectors.purchase_list(workspace=request.workspace, filters=filters)
    page = Paginator(purchases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "ownership/purchase_list.html", {"page": page, "filters": filters,
                                                            "query_string": urlencode(filters.active())})


@workspace_view
def purchase_detail(request, purchase_id):
    purchase = selectors.access_purchase(workspace=request.workspace, purchase_id=purchase_id)
    check_ins = list(selectors.check_in_list(workspace=request.workspace, filters=CheckInFilter(purchase_id=purchase.id)))
    return render(request, "ownership/purchase_detail.html", {"purchase": purchase, "check_ins": check_ins,
                                                              "today": timezone.localdate()})


@workspace_view
@require_POST
def purchase_delete(request, purchase_id):
    purchase = selectors.access_purchase(workspace=request.workspace, purchase_id=purchase_id)
    person_id = purchase.person_id
    services.purchase_delete(purchase=purchase, author=request.user)
    messages.success(request, "Removed the purchase and its check-ins.")
    return redirect("people:detail", person_id)


# Check-ins ---------------------------------------------------------------------------------------


@workspace_view
def check_in_list(request):
    """Those due now unless the query asks for a status, `due` or `overdue` (the API's and the CLI's filters)."""
    try:
        filters = CheckInFilter.from_query(request.GET)
    except ValidationError as exc:
        return bad_query(request, exc)
    if not filters.narrows_state():
        filters = filters.model_copy(update={"due": True})
    show = filters.status or ("overdue" if filters.overdue else "due")
    check_ins = selectors.check_in_list(workspace=request.workspace, filters=filters)
    page = Paginator(check_ins, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "ownership/check_in_list.html", {"page": page, "show": show, "filters": filters,
                                                            "today": timezone.localdate(),
                                                            "query_string": urlencode(filters.active())})


def _check_in_page(request, check_in, *, form=None, skip_form=None, reschedule_form=None, status=200):
    offer_case = (check_in.status == CheckIn.Status.DONE and check_in.satisfaction is not None
                  and check_in.satisfaction <= services.LOW_SCORE)
    context = {
        "check_in": check_in, "purchase": check_in.purchase, "person": check_in.person,
        "form": form or forms.CheckInForm(), "skip_form": skip_form or forms.SkipForm(),
        "reschedule_form": reschedule_form or forms.RescheduleForm(initial={"due_on": check_in.due_on}),
        "offer_case": offer_case, "cases": list(check_in.cases.all()),
        "today": timezone.localdate(),
    }
    return render(request, "ownership/check_in.html", context, status=status)


@workspace_view
def check_in_detail(request, check_in_id):
    check_in = selectors.access_check_in(workspace=request.workspace, check_in_id=check_in_id)
    if request.method != "POST":
        return _check_in_page(request, check_in)
    form = forms.CheckInForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.check_in_complete(check_in=check_in, outcome=data["outcome"], satisfaction=data["satisfaction"],
                                       note=data["note"], author=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Check-in with {check_in.person.name} recorded.")
            return redirect("ownership:check_in", check_in.id)
    return _check_in_page(request, check_in, form=form, status=422)


@workspace_view
@require_POST
def check_in_skip(request, check_in_id):
    check_in = selectors.access_check_in(workspace=request.workspace, check_in_id=check_in_id)
    form = forms.SkipForm(request.POST)
    if form.is_valid():
        try:
            services.check_in_skip(check_in=check_in, note=form.cleaned_data["note"], author=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Check-in skipped.")
            return redirect("ownership:check_in", check_in.id)
    return _check_in_page(request, check_in, skip_form=form, status=422)


@workspace_view
@require_POST
def check_in_reschedule(request, check_in_id):
    check_in = selectors.access_check_in(workspace=request.workspace, check_in_id=check_in_id)
    form = forms.RescheduleForm(request.POST)
    if form.is_valid():
        try:
            services.check_in_reschedule(check_in=check_in, due_on=form.cleaned_data["due_on"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Check-in moved to {check_in.due_on:%d %b %Y}.")
            return redirect("ownership:check_in", check_in.id)
    return _check_in_page(request, check_in, reschedule_form=form, status=422)


# Playbooks ---------------------------------------------------------------------------------------


@workspace_view
def playbook_list(request):
    saved = selectors.playbooks(workspace=request.workspace)
    default = next((p for p in saved if p.offering_id is None), None)
    by_offering = {p.offering_id: p for p in saved if p.offering_id is not None}
    return render(request, "ownership/playbooks.html", {
        "default": default, "default_steps": selectors.DEFAULT_STEPS,
        "offerings": [(o, by_offering.get(o.id)) for o in selectors.offerings(workspace=request.workspace)],
    })


@workspace_view
def playbook_edit(request, offering_id=None):
    offering = selectors.access_offering(workspace=request.workspace, offering_id=offering_id) \
        if offering_id is not None else None
    steps = selectors.playbook_steps(workspace=request.workspace, offering=offering)
    form = forms.PlaybookForm(request.POST or None,
                              initial={"steps": "\n".join(f"{day}: {question}" for day, question in steps)})
    if request.method == "POST" and form.is_valid():
        try:
            services.playbook_save(workspace=request.workspace, offering=offering, steps=form.cleaned_data["steps"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Playbook saved; it applies to purchases recorded from now on.")
            return redirect("ownership:playbooks")
    title = f"Check-in playbook for {offering.name}" if offering else "Default check-in playbook"
    return render(request, "ownership/playbook_form.html", {"form": form, "title": title, "offering": offering},
                  status=422 if request.method == "POST" else 200)


@workspace_view
@require_POST
def playbook_reset(request, offering_id=None):
    offering = selectors.access_offering(workspace=request.workspace, offering_id=offering_id) \
        if offering_id is not None else None
    services.playbook_reset(workspace=request.workspace, offering=offering)
    messages.success(request, f"{offering.name} follows the default playbook again." if offering
                     else "The default playbook is Ally's again (days 3, 30, 90, 365).")
    return redirect("ownership:playbooks")


# Feedback and referrals --------------------------------------------------------------------------


@workspace_view
def feedback_create(request, person_id):
    person = access_person(workspace=request.workspace, person_id=person_id)
    purchases = list(selectors.purchase_list(workspace=request.workspace, filters=PurchaseFilter(person_id=person.id))[:50])
    form = forms.FeedbackForm(request.POST or None, purchases=purchases,
                              initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            purchase = selectors.access_purchase(workspace=request.workspace, purchase_id=data["purchase"]) \
                if data["purchase"] else None
            services.feedback_record(workspace=request.workspace, person=person, score=data["score"],
                                     comment=data["comment"], received_on=data["received_on"], purchase=purchase,
                                     author=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Feedback from {person.name} recorded.")
            return redirect("people:detail", person.id)
    return _form_page(request, form, f"Feedback from {person.name}", person=person)


@workspace_view
def referral_create(request, person_id):
    person = access_person(workspace=request.workspace, person_id=person_id)
    form = forms.ReferralForm(request.POST or None, initial={"referred_on": timezone.localdate(),
                                                             "kind": "introduced_by"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            other = resolve_person_reference(workspace=request.workspace, reference=data["other"]) \
                if data["other"] else None
            arguments = {
                "introduced_by": {"direction": Referral.Direction.RECEIVED, "person": person, "referrer": other},
                "introduced_someone": {"direction": Referral.Direction.RECEIVED, "person": other, "referrer": person},
                "we_introduced": {"direction": Referral.Direction.GIVEN, "person": person, "introduced_to": other,
                                  "introduced_to_name": "" if other else data["introduced_to_name"]},
            }[data["kind"]]
            services.referral_record(workspace=request.workspace, referred_on=data["referred_on"], note=data["note"],
                                     author=request.user, **arguments)
        except NotFound:
            form.add_error("other", f"No person called '{data['other']}'.")
        except ValidationError as exc:
            other_field = {"introduced_by": "referrer", "introduced_someone": "person"}.get(data["kind"], "introduced_to")
            apply_errors(form, exc, {other_field: "other", "introduced_to": "other"})
        else:
            messages.success(request, "Referral recorded.")
            return redirect("people:detail", person.id)
    return _form_page(request, form, f"A referral: {person.name}", person=person)


@workspace_view
@require_POST
def referral_delete(request, referral_id):
    referral = selectors.access_referral(workspace=request.workspace, referral_id=referral_id)
    # Checked before the delete commits: back to one of the referral's own people, never a 404 after the fact.
    back = request.POST.get("person")
    people = {str(pk) for pk in (referral.person_id, referral.referrer_id, referral.introduced_to_id) if pk}
    back = int(back) if back in people else referral.person_id
    services.referral_delete(referral=referral)
    return redirect("people:detail", back)


# Customers made ----------------------------------------------------------------------------------


