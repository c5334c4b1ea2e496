import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import models

from samskab.meetings.models import AgendaItem, Meeting, MeetingStatus

pytestmark = pytest.mark.django_db


def test_generate_makes_meetings_in_proportion_to_the_scale():
    call_command(
        "generate",
        scale=0.02,
        today=dt.date(2026, 11, 27),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert Meeting.objects.count() == 160
    assert AgendaItem.objects.filter(is_closed=True).exists()
    held = Meeting.objects.filter(status=MeetingStatus.HELD)
    assert held.exists()
    assert not AgendaItem.objects.filter(
        meeting__in=held, minutes_approved_at__isnull=True
    ).exists()
    # End after start everywhere (the database's own check would have refused otherwise).
    assert Meeting.objects.filter(end__lte=models.F("start")).count() == 0
