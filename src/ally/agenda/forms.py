"""The small forms Today's items carry: log a contact, snooze to a day, and "done" for the kinds that have one."""

from django import forms

from ally.core.validation import TEXT_LENGTH
from ally.interactions.models import Interaction
from ally.ownership.models import CheckIn


class LogContactForm(forms.Form):
    kind = forms.ChoiceField(choices=Interaction.Kind.choices, initial=Interaction.Kind.CALL)
    summary = forms.CharField(max_length=TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 2}))


class SnoozeForm(forms.Form):
    until = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}),
                            error_messages={"invalid": "Enter a date (YYYY-MM-DD)."})


class CheckInDoneForm(forms.Form):
    outcome = forms.ChoiceField(choices=CheckIn.Outcome.choices)
    note = forms.CharField(max_length=TEXT_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AnswerForm(forms.Form):
    answer = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))


class EmptyForm(forms.Form):
    """A promise is kept with one button."""


# The kinds that can be marked done from Today, and what "done" asks for.
DONE_FORMS = {"follow_up": EmptyForm, "check_in": CheckInDoneForm, "open_question": AnswerForm}
