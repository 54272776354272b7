from django import forms


class DigestForm(forms.Form):
    enabled = forms.BooleanField(required=False, label="Send me Today every morning")
    at = forms.CharField(max_length=5, required=False, label="At (your local time)",
                         widget=forms.TimeInput(attrs={"type": "time"}),
                         help_text="HH:MM in your own time zone. Nothing is sent on a day with nothing due.")
