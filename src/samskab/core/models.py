from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailTemplate(models.Model):
    """The text of one kind of email in one language, as the secretariat edits it.

    Rows start as copies of the default texts that ship with the apps (``core.email``); an
    edited row is what is sent from then on.
    """

    key = models.CharField(_("kind of email"), max_length=100)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Plain text. Names in double curly brackets, e.g. {{ name }}, are filled in when "
            "the email is sent; the list below says which exist for this kind of email."
        ),
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("email text")
        verbose_name_plural = _("email texts")
        ordering = ["key", "language"]
        constraints = [
            models.UniqueConstraint(fields=["key", "language"], name="email_template_unique")
        ]

    def __str__(self):
        return f"{self.key} ({self.language})"
