"""Forms parse what a page sends; the services decide whether it is valid."""

from django import forms


class TranscriptForm(forms.Form):
    transcript = forms.FileField(required=False, label="Transcript file",
                                 help_text="WebVTT (Teams, Zoom), SRT, or one 'Name: text' turn per line.")
    text = forms.CharField(required=False, label="…or paste it", widget=forms.Textarea(attrs={"rows": 4}))


class PhrasesForm(forms.Form):
    pushy_phrases = forms.CharField(required=False, label="Your own pushy phrases", widget=forms.Textarea(
        attrs={"rows": 6}), help_text="One a line; added to the default lexicon. Every call is measured again.")
