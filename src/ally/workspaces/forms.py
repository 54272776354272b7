from django import forms


class ApiTokenForm(forms.Form):
    name = forms.CharField(max_length=100, required=False, label="Token name",
                           help_text="What the token is for, e.g. “nightly export script”.")
    read_only = forms.BooleanField(required=False, label="Read-only",
                                   help_text="It can read everything you can, and change nothing.")


class PasswordForm(forms.Form):
    current = forms.CharField(widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
                              label="Current password", strip=False)
    password = forms.CharField(widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               label="New password", strip=False,
                               help_text="At least 10 characters, not a common password, not like your name.")


ROLE_CHOICES = [("member", "Member: works with all the data"), ("read_only", "Read-only: reads everything, changes nothing"),
                ("owner", "Owner: also the team, settings and other members' tokens")]


class MemberAddForm(forms.Form):
    user = forms.CharField(max_length=254, label="Username or email",
                           help_text="An existing login (create one with `ally user create`).")
    role = forms.ChoiceField(choices=ROLE_CHOICES, initial="member")


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=ROLE_CHOICES)


class CodeForm(forms.Form):
    code = forms.CharField(max_length=40, label="Code", strip=True,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text",
                                                         "autofocus": True}),
                           help_text="The six digits your authenticator app shows, or one of your recovery codes.")


class AppCodeForm(forms.Form):
    code = forms.CharField(max_length=40, label="Code from the app", strip=True,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
                           help_text="After scanning, the app shows six digits; type them here.")


class RequireTwoFactorForm(forms.Form):
    required = forms.BooleanField(required=False, label="Every member must log in with an authenticator app")
