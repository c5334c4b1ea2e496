from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowsConfig(AppConfig):
    name = "samskab.follows"
    label = "follows"
    verbose_name = _("Follow and digest")

    def ready(self):
        from samskab.core.cache import not_on_public_pages
        from samskab.core.registry import EmailKind, email_kinds

        # Who follows what, their notifications and digest settings are personal: a digest run
        # writes them for every follower and must not empty the public page cache each time.
        not_on_public_pages("follows.follow", "follows.notification", "follows.digestsettings")

        from .digest import NOTIFICATION_VARIABLES, VARIABLES

        email_kinds.register(
            EmailKind(
                "follows.digest",
                _("Digest of what a person follows"),
                "follows/email/digest",
                "samskab.follows.digest:message",
                VARIABLES,
            )
        )
        email_kinds.register(
            EmailKind(
                "follows.notification",
                _("Something that needs a person, emailed at once"),
                "follows/email/notification",
                "samskab.follows.digest:notification_message",
                NOTIFICATION_VARIABLES,
            )
        )
