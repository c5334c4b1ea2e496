"""The private links an applicant gets by email: signed, and tied to a secret of the row, so a
link cannot be guessed or forged, carries no personal data and dies with the application."""

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

CONFIRM = "samskab.recruitment.confirm"
PRIVATE = "samskab.recruitment.private"
REGISTER = "samskab.recruitment.register"


class BadLink(Exception):
    """A link that cannot be used, with the reason to show."""

    def __init__(self, message, status=400):
        super().__init__(str(message))
        self.message = message
        self.status = status


def make(salt, obj):
    return signing.dumps([obj.pk, obj.secret], salt=salt)


def read(salt, token, queryset, *, max_age=None):
    """The object a link opens, or ``BadLink`` saying why not."""
    try:
        pk, secret = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise BadLink(
            _("The link has expired. Apply again with the same email address to get a new one."),
            status=410,
        ) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise BadLink(_("The link is not valid. Use the whole link from the email.")) from None
    obj = queryset.filter(pk=pk).first() if isinstance(pk, int) else None
    if obj is None:
        raise BadLink(_("This no longer exists: it was withdrawn or erased."), status=410)
    if not isinstance(secret, str) or not constant_time_compare(obj.secret, secret):
        raise BadLink(_("The link is not valid. Use the whole link from the email."))
    return obj


def confirm_max_age():
    return settings.RECRUITMENT_CONFIRM_DAYS * 24 * 3600
