"""Forms parse what a page sends; the services decide whether it is valid."""

from django import forms

from ally.people.forms import PersonPicker
from ally.support.models import Case, Severity, SupportSettings


class _Members(forms.Form):
    """A form with team-member choices (champion, escalate to)."""

    member_fields: tuple[str, ...] = ()

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.member_fields:
            self.fields[name].choices = [("", "—")] + [(m.id, m.display_name) for m in members]


class CaseForm(_Members):
    member_fields = ("champion",)
    title = forms.CharField(required=False, max_length=200, help_text="The customer's problem, in a line.")
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                  help_text="What happened, in their words.")
    severity = forms.ChoiceField(choices=Severity.choices, initial=Severity.NORMAL)
    champion = forms.ChoiceField(help_text="Who owns it inside the company until the customer confirms the fix.")


class CaseCreateForm(CaseForm):
    person = forms.CharField(label="Customer", widget=PersonPicker())
    check_in = forms.IntegerField(required=False, widget=forms.HiddenInput)
    field_order = ["person", "title", "description", "severity", "champion", "check_in"]


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Case.Status.choices, label="Move to")
    note = forms.CharField(required=False, max_length=2000, label="Why (optional)")


class TextForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, label: str = "", required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].required = required
        if label:
            self.fields["text"].label = label


class EscalateForm(_Members):
    member_fields = ("to",)
    to = forms.ChoiceField(label="Escalate to")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Why")


class ChampionForm(_Members):
    member_fields = ("champion",)
    champion = forms.ChoiceField(label="New champion")


class SeverityForm(forms.Form):
    severity = forms.ChoiceField(choices=Severity.choices)


class SettingsForm(forms.Form):
    """SLA targets in hours, per severity."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SupportSettings.TARGET_FIELDS:
            severity, _, target = name.removesuffix("_hours").partition("_")
            self.fields[name] = forms.IntegerField(
                label=f"{severity.title()}: {target.replace('_', ' ')} (hours)")
