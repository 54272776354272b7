from django import forms

from ally.interactions.models import Interaction
from ally.people.forms import PersonPicker


class InteractionForm(forms.Form):
    kind = forms.ChoiceField(choices=Interaction.Kind.choices, initial="call")
    initiated_by = forms.ChoiceField(choices=Interaction.InitiatedBy.choices, initial="we",
                                     label="Who reached out")
    occurred_at = forms.DateTimeField(required=False, label="When",
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                      input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"])
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "placeholder": "What did they say? What matters to them?"}))
    others = forms.CharField(required=False, label="Also present",
                             widget=PersonPicker(),
                             help_text="Names or #ids, comma separated.")
    private = forms.BooleanField(required=False, label="Private to me")
    follow_up = forms.CharField(required=False, max_length=500, label="I promised to…")
    due_on = forms.DateField(required=False, label="by", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("follow_up") and not data.get("due_on"):
            self.add_error("due_on", "A promise needs a date.")
        return data


class FollowUpForm(forms.Form):
    text = forms.CharField(max_length=500, label="Promise")
    due_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
