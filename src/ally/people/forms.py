from django import forms

from ally.people.models import Fact, Relationship


class PersonPicker(forms.TextInput):
    """A name box whose suggestions (`<datalist id="person-options">`) htmx fills as the user types."""

    def __init__(self, attrs=None):
        from django.urls import reverse_lazy

        super().__init__({"list": "person-options", "autocomplete": "off", "hx-get": reverse_lazy("people:options"),
                          "hx-trigger": "input changed delay:200ms", "hx-target": "#person-options",
                          "hx-swap": "innerHTML", **(attrs or {})})


def _split_lines(value: str) -> list[str]:
    return [part.strip() for part in value.replace(",", "\n").splitlines() if part.strip()]


class PersonForm(forms.Form):
    name = forms.CharField(max_length=200)
    emails = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="One per line.")
    phones = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="One per line; include the country code when not local.")
    organization = forms.CharField(required=False, max_length=200,
                                   widget=forms.TextInput(attrs={"list": "organization-options"}),
                                   help_text="An existing organization's name, or a new one to create.")
    title = forms.CharField(required=False, max_length=200)
    birthday_month = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Birthday month",
                                            choices=[("", "—")] + [(i, m) for i, m in enumerate(
                                                ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                                 "Oct", "Nov", "Dec"], start=1)])
    birthday_day = forms.IntegerField(required=False, label="Day")
    birthday_year = forms.IntegerField(required=False, label="Year (optional)")
    how_we_met = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    introduced_by = forms.CharField(required=False, label="Introduced by",
                                    widget=PersonPicker())
    owner = forms.ChoiceField(required=False)
    tags = forms.CharField(required=False, help_text="Comma separated.")
    cadence_days = forms.IntegerField(required=False, label="Keep in touch every (days)")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    notes_private = forms.BooleanField(required=False, label="Notes are private to me")

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "—")] + [(m.id, m.display_name) for m in members]

    def clean_emails(self):
        return _split_lines(self.cleaned_data["emails"])

    def clean_phones(self):
        return [p.strip() for p in self.cleaned_data["phones"].splitlines() if p.strip()]

    def clean_tags(self):
        return [t.strip() for t in self.cleaned_data["tags"].split(",") if t.strip()]


class FactForm(forms.Form):
    kind = forms.ChoiceField(choices=Fact.Kind.choices)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    recurs_yearly = forms.BooleanField(required=False, label="Every year (an anniversary)")


class RelationshipForm(forms.Form):
    other = forms.CharField(label="Person", widget=PersonPicker())
    kind = forms.ChoiceField(choices=[
        ("colleague", "colleague of"), ("manager", "manager of"), ("report", "reports to"),
        ("friend", "friend of"), ("family", "family of"), ("introduced", "introduced"),
        ("introduced_by", "was introduced by"),
    ])
    since = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(required=False, max_length=2000)

    # The form reads from the current person's side; "report" and "introduced_by" are stored reversed.
    REVERSED = {"report": Relationship.Kind.MANAGER, "introduced_by": Relationship.Kind.INTRODUCED}


class OrganizationForm(forms.Form):
    name = forms.CharField(max_length=200)
    website = forms.CharField(required=False, max_length=200)
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
