from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        choices=settings.LANGUAGES,
        error_messages={
            "required": _("Choose Arabic, French or English."),
            "invalid_choice": _("Choose Arabic, French or English."),
        },
    )


class PasswordResetForm(auth_forms.PasswordResetForm):
    """The reset email goes out in the language saved on the account, if any.

    An account opened for a directory person has no password until its owner chooses one: if
    the welcome link has expired, "forgotten your password?" must still reach them.
    """

    def get_users(self, email):
        from .models import User

        return (
            user
            for user in User.objects.filter(email__iexact=email, is_active=True)
            if user.email.casefold() == email.casefold()
        )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        with translation.override(context["user"].language or translation.get_language()):
            super().send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                to_email,
                html_email_template_name,
            )


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        help_text=_("The 6-digit code of your authenticator app, or one of your recovery codes."),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split())
