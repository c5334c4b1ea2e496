"""Query-string filters shared by the API's lists."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django_filters import rest_framework as filters
from django_filters.fields import IsoDateTimeField

from samskab.core import dates


class MomentField(IsoDateTimeField):
    def clean(self, value):
        moment = super().clean(value)
        if moment is None:
            return None
        try:
            # In UTC for the database: ISO 8601 allows offsets (+23:03) PostgreSQL refuses.
            moment = moment.astimezone(dt.UTC)
            local = timezone.localtime(moment)
        except (OverflowError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        dates.validate(local.date())
        return moment


class MomentFilter(filters.IsoDateTimeFilter):
    """An ISO 8601 date-time in a query string, refused when no one means it (``core.dates``)."""

    field_class = MomentField
