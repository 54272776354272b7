from django import forms

DATE = forms.DateInput(attrs={"type": "date"})


class PeriodForm(forms.Form):
    start = forms.CharField(required=False, widget=DATE)
    end = forms.CharField(required=False, widget=DATE)
