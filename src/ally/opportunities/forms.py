"""Forms parse what a page sends; the services decide whether it is acceptable."""

from django import forms
from django.utils import timezone

from ally.opportunities.models import DiscoveryQuestion, Driver, Need, Stage
from ally.people.forms import PersonPicker

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]


def _when(label: str = "When") -> forms.DateTimeField:
    return forms.DateTimeField(required=False, label=label, input_formats=DATETIME_FORMATS,
                               widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                               help_text="Empty: now.")


def _date(label: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(required=False, label=label, help_text=help_text,
                           widget=forms.DateInput(attrs={"type": "date"}))


def _interaction_choices(interactions) -> list[tuple[str, str]]:
    return [("", "—")] + [
        (str(i.id), f"{timezone.localtime(i.occurred_at):%d %b %Y} · {i.get_kind_display()} · {i.summary[:50]}")
        for i in interactions
    ]


class InteractionChoiceMixin:
    """Offers the person's latest interactions for "in which interaction"."""

    def set_interactions(self, interactions) -> None:
        self.fields["interaction"].choices = _interaction_choices(interactions)


class NeedForm(InteractionChoiceMixin, forms.Form):
    text = forms.CharField(label="Their need, in their words", widget=forms.Textarea(
        attrs={"rows": 2, "placeholder": "“We lose a day every month reconciling the rota by hand.”"}))
    status = forms.ChoiceField(choices=[(Need.Status.SUSPECTED, "Suspected (our guess)"),
                                        (Need.Status.CONFIRMED, "Confirmed (they said so)")],
                               initial=Need.Status.SUSPECTED)
    driver = forms.ChoiceField(choices=Driver.choices, initial=Driver.OTHER)
    urgency = forms.IntegerField(initial=3, help_text="1-5, as they see it.",
                                 widget=forms.NumberInput(attrs={"min": 1, "max": 5}))
    cost_of_doing_nothing = forms.CharField(required=False, label="Cost of doing nothing, in their words",
                                            widget=forms.Textarea(attrs={"rows": 2}))
    cost_amount = forms.CharField(required=False, label="Cost amount (optional)")
    cost_currency = forms.CharField(required=False, max_length=3, label="Currency")
    cost_period = forms.ChoiceField(required=False, label="Per", choices=[("", "—")] + Need.Period.choices)
    said_by = forms.CharField(required=False, label="Said by", widget=PersonPicker(),
                              help_text="Empty: the person themselves.")
    said_at = _when("Said on")
    interaction = forms.ChoiceField(required=False, label="In which interaction", choices=[("", "—")])
    for_organization = forms.BooleanField(required=False, label="It is their organization's need too")


class NeedEditForm(NeedForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = Need.Status.choices


class OpportunityForm(InteractionChoiceMixin, forms.Form):
    title = forms.CharField(required=False, max_length=200,
                            help_text="Empty: named after the first need chosen.")
    needs = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple,
                                      help_text="What their decision is about.")
    offerings = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    reason = forms.CharField(required=False, label="Why they are exploring, in their words",
                             widget=forms.Textarea(attrs={"rows": 2}))
    interaction = forms.ChoiceField(required=False, label="In which interaction", choices=[("", "—")])

    def __init__(self, *args, needs=(), offerings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].choices = [(str(n.id), f"{n.text[:90]} ({n.status}, urgency {n.urgency})")
                                        for n in needs]
        self.fields["offerings"].choices = [(str(o.id), o.name) for o in offerings]


class OpportunityEditForm(forms.Form):
    title = forms.CharField(max_length=200)
    needs = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    offerings = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, needs=(), offerings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].choices = [(str(n.id), f"{n.text[:90]} ({n.status})") for n in needs]
        self.fields["offerings"].choices = [(str(o.id), o.name) for o in offerings]


class MoveForm(InteractionChoiceMixin, forms.Form):
    stage = forms.ChoiceField(label="They are now", choices=Stage.choices)
    reason = forms.CharField(label="Their reason, in their words", widget=forms.Textarea(attrs={"rows": 2}))
    occurred_at = _when()
    interaction = forms.ChoiceField(required=False, label="In which interaction", choices=[("", "—")])
    alternative = forms.ChoiceField(required=False, label="Alternative recommended (not a fit)")
    alternative_name = forms.CharField(required=False, max_length=200, label="…or type one in")
    revisit_on = _date("Revisit on (staying as is)", "Optional: when they would like us to come back.")
    offering = forms.ChoiceField(required=False, label="What they bought (owning)")
    amount = forms.CharField(required=False, label="Amount (owning)")
    currency = forms.CharField(required=False, max_length=3, label="Currency")
    purchased_on = _date("Bought on", "Empty: the day of the move.")

    def __init__(self, *args, alternatives=(), offerings=(), stages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alternative"].choices = [("", "—")] + [(str(a.id), a.name) for a in alternatives]
        self.fields["offering"].choices = [("", "—")] + [(str(o.id), o.name) for o in offerings]
        if stages is not None:
            self.fields["stage"].choices = [(s, Stage(s).label) for s in stages]


class DecisionInfoForm(InteractionChoiceMixin, forms.Form):
    what = forms.CharField(label="What we shared", widget=forms.Textarea(
        attrs={"rows": 2, "placeholder": "The comparison with their current rota tool, with our pricing"}))
    shared_at = _when("Shared on")
    interaction = forms.ChoiceField(required=False, label="In which interaction", choices=[("", "—")])


class CustomerQuestionForm(InteractionChoiceMixin, forms.Form):
    text = forms.CharField(label="Their question", widget=forms.Textarea(attrs={"rows": 2}))
    asked_at = _when("Asked on")
    interaction = forms.ChoiceField(required=False, label="In which interaction", choices=[("", "—")])


class AnswerForm(forms.Form):
    answer = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))


class OfferingForm(forms.Form):
    name = forms.CharField(max_length=200)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    price = forms.CharField(required=False, label="Usual price", help_text="Only to pre-fill purchases.")
    currency = forms.CharField(required=False, max_length=3)
    active = forms.BooleanField(required=False, initial=True)


class AlternativeForm(forms.Form):
    name = forms.CharField(max_length=200)
    vendor = forms.CharField(required=False, max_length=200)
    good_for = forms.CharField(required=False, label="Good for", widget=forms.Textarea(attrs={"rows": 2}))
    website = forms.CharField(required=False, max_length=200)
    active = forms.BooleanField(required=False, initial=True)


class DiscoveryQuestionForm(forms.Form):
    text = forms.CharField(max_length=500, label="Question", help_text="An open question: ask, don't tell.")
    driver = forms.ChoiceField(choices=Driver.choices)
    purpose = forms.ChoiceField(choices=DiscoveryQuestion.Purpose.choices)
    position = forms.IntegerField(required=False, min_value=0)
    active = forms.BooleanField(required=False, initial=True)
