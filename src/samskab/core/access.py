"""Access levels: who may read a meeting, a document or a thread.

The levels are the same for every kind of content; whether a given person reaches a level is
the organisation's business (``organisation.access``), since it depends on their seats.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLevel(models.TextChoices):
    PUBLIC = "public", _("public")
    COUNCIL = "council", _("council members")
    BODY = "body", _("members of the body")
    SECRETARIAT = "secretariat", _("the secretariat")
