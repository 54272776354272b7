from django import forms


class ApiTokenForm(forms.Form):
    name = forms.CharField(max_length=100, required=False, label="Token name",
                           help_text="What the token is for, e.g. “nightly export script”.")


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
