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


def _time_zones() -> list[tuple[str, str]]:
    import zoneinfo

    return [(zone, zone.replace("_", " ")) for zone in sorted(zoneinfo.available_timezones())
            if "/" in zone and not zone.startswith(("Etc/", "SystemV/", "US/"))] + [("UTC", "UTC")]


class ProfileForm(forms.Form):
    """Parses the profile page; `profile_update` validates, as for every edge."""

    first_name = forms.CharField(required=False, label="First name")
    last_name = forms.CharField(required=False, label="Last name")
    email = forms.CharField(required=False, label="Email",
                            widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    time_zone = forms.CharField(required=False, label="Your time zone", widget=forms.Select(),
                                help_text="Your “today”: what Today shows, and every date you enter.")
    date_style = forms.CharField(label="Dates read as", widget=forms.RadioSelect())

    def __init__(self, *args, workspace_zone: str = "UTC", **kwargs):
        from ally.core.words import DATE_STYLES

        super().__init__(*args, **kwargs)
        self.fields["time_zone"].widget.choices = [("", f"The workspace's ({workspace_zone})")] + _time_zones()
        self.fields["date_style"].widget.choices = list(DATE_STYLES.items())


class WorkspaceForm(forms.Form):
    """Parses the workspace page; `workspace_update` validates, as for every edge."""

    name = forms.CharField(required=False, label="Name")
    time_zone = forms.CharField(required=False, label="Time zone", widget=forms.Select(),
                                help_text="The team's day, for members who have not chosen their own.")
    default_currency = forms.CharField(required=False, label="Default currency",
                                       help_text="ISO 4217 code, e.g. USD, EUR, GBP: lifetime value is in it.")
    phone_region = forms.CharField(required=False, label="Default phone region",
                                   help_text="Two letters, e.g. US or DE: assumed for numbers without a country code.")
    default_cadence_days = forms.CharField(required=False, label="Keep in touch with a new person every (days)",
                                           help_text="Empty: no default; a person's own cadence always wins.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].widget.choices = _time_zones()
