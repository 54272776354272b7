"""Forms parse what a page sends; the services decide whether it is valid."""

from django import forms

from ally.ownership.models import CheckIn
from ally.people.forms import PersonPicker

DATE = forms.DateInput(attrs={"type": "date"})
SCORE_CHOICES = [("", "—")] + [(str(n), str(n)) for n in range(11)]


class PurchaseForm(forms.Form):
    offering = forms.ChoiceField(required=False, help_text="From your catalogue, if it is in it.")
    description = forms.CharField(required=False, max_length=200, label="What they bought",
                                  help_text="In words; needed when it is not an offering from the catalogue.")
    amount = forms.CharField(max_length=32)
    currency = forms.CharField(max_length=3, help_text="ISO 4217 code, e.g. USD, EUR, GBP.")
    purchased_on = forms.DateField(widget=DATE, label="Bought on")

    def __init__(self, *args, offerings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offering"].choices = [("", "—")] + [(o.id, o.name) for o in offerings]


class CheckInForm(forms.Form):
    outcome = forms.ChoiceField(choices=CheckIn.Outcome.choices, label="How did it go?",
                                widget=forms.RadioSelect)
    satisfaction = forms.ChoiceField(
        choices=SCORE_CHOICES, required=False, widget=forms.RadioSelect, initial="",
        label="How likely are they to recommend it to a friend or colleague?",
        help_text="Ask it in these words, from 0 (not at all likely) to 10 (extremely likely); skip it if you "
                  "did not ask. Scores count in NPS: 9 and 10 are promoters, 0 to 6 detractors.")
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="What they said, in their words.")


class SkipForm(forms.Form):
    note = forms.CharField(required=False, max_length=2000, label="Why skip it?")


class RescheduleForm(forms.Form):
    due_on = forms.DateField(widget=DATE, label="New date")


class PlaybookForm(forms.Form):
    steps = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), required=False,
                            help_text="One check-in per line: days after the purchase, a colon, the question. "
                                      "{what} stands for what was bought. Leave empty for no check-ins.")

    def clean_steps(self):
        steps = []
        for number, line in enumerate(self.cleaned_data["steps"].splitlines(), start=1):
            if not line.strip():
                continue
            day, colon, question = line.partition(":")
            if not colon or not day.strip().isdigit():
                raise forms.ValidationError(f"Line {number}: write it as '30: How is it going?'.")
            steps.append((int(day.strip()), question.strip()))
        return steps


class FeedbackForm(forms.Form):
    score = forms.ChoiceField(choices=SCORE_CHOICES, required=False, label="Score (0-10)")
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="In their words.")
    received_on = forms.DateField(widget=DATE, label="When")
    purchase = forms.ChoiceField(required=False, label="About")

    def __init__(self, *args, purchases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purchase"].choices = [("", "Us in general")] + [
            (p.id, f"{p.label} ({p.purchased_on:%Y-%m-%d})") for p in purchases]


class ReferralForm(forms.Form):
    """Read from the current person's side, like the relationship form."""

    KINDS = [
        ("introduced_by", "was introduced to us by"),
        ("introduced_someone", "introduced someone to us:"),
        ("we_introduced", "was introduced by us to"),
    ]
    kind = forms.ChoiceField(choices=KINDS, label="This person…", widget=forms.RadioSelect)
    other = forms.CharField(required=False, label="Person", widget=PersonPicker(),
                            help_text="Someone in Ally (name or #id).")
    introduced_to_name = forms.CharField(required=False, max_length=200, label="…or, for an introduction we made, "
                                         "whom outside Ally", help_text="A business or a professional, e.g. an accountant.")
    referred_on = forms.DateField(widget=DATE, label="When")
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("kind") in ("introduced_by", "introduced_someone") and not data.get("other"):
            self.add_error("other", "Say who.")
        if data.get("kind") == "we_introduced" and not data.get("other") and not data.get("introduced_to_name"):
            self.add_error("other", "Say whom they were introduced to: a person in Ally or a name below.")
        return data


