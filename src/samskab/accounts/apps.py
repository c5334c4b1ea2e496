from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samskab.accounts"
    label = "accounts"
    # allauth's email addresses are "Accounts" in the back office; ours are the users.
    verbose_name = _("Users")
