import io

import pytest
from django.core.management import call_command

from samskab.recruitment import breadth
from samskab.recruitment.models import AgeGroup, Application, Call

pytestmark = pytest.mark.django_db


def test_demo_has_an_open_call_with_a_gap_and_closed_calls_with_statistics(client):
    call_command("demo", stdout=io.StringIO())
    counts = (Call.objects.count(), Application.objects.count())
    call = Call.objects.get(slug="fritidsliv-handicap")
    assert call.is_open()
    assert 55 <= Application.objects.in_pool().filter(call=call).count() <= 62
    report = breadth.report_for(call)
    assert "Ingen ansøgere under 30 år." in report.gaps
    assert "Vangede: ingen ansøgere." in report.gaps
    assert sum(g.population for g in AgeGroup.objects.all()) == 75_900  # the seed's figures
    erased = Call.objects.filter(anonymised_at__isnull=False)
    assert erased.count() >= 1
    for old in erased:
        assert old.applications.count() == 0
        assert old.statistics["total"] > 20
        assert breadth.report_for(old).total == old.statistics["total"]
    page = client.get("/deltag/").content.decode()
    assert "Fritidsliv for børn med handicap" in page
    # Idempotent.
    call_command("demo", stdout=io.StringIO())
    assert (Call.objects.count(), Application.objects.count()) == counts
