import datetime as dt
import io

import pytest
from django.core.management import call_command

from samskab.surveys import queries
from samskab.surveys.models import Answer, Invitation, Round

pytestmark = pytest.mark.django_db


def test_generate_gives_every_ended_task_committee_an_answered_round():
    call_command(
        "generate",
        scale=0.02,
        today=dt.date(2026, 11, 27),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    rounds = list(Round.objects.select_related("body", "question_set"))
    assert rounds
    assert all(r.body.end_date < dt.date(2026, 11, 27) for r in rounds)
    assert Invitation.objects.filter(answered=True).exists()
    assert Answer.objects.count() > 100
    results = queries.round_results(rounds[0])
    assert {g.audience for g in results.groups} == {"politicians", "citizens"}
