"""The demo's 2015–18 evaluation reproduces the seed's figures, computed from its answers."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import Client

from samskab.organisation.demo import CITIZEN_EMAIL
from samskab.surveys import queries
from samskab.surveys.models import Question, Round

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SEED = [
    # (question, group, the seed's figure)
    ("aktive-borgere", "politicians", 77),
    ("gode-loesninger", "citizens", 87),
    ("bred-rekruttering", "politicians", 65),
    ("svaert-at-foelge", "citizens", 79),
    ("lydhoere-politikere", "citizens", 89),
]


def test_demo_evaluation_reproduces_the_seeds_figures_and_leaves_a_round_open():
    call_command("demo")
    client = Client()
    for key, group, figure in SEED:
        question = Question.objects.get(key=key, question_set__family="standard")
        comparison = queries.comparison(AnonymousUser(), question, first_year=2015, last_year=2018)
        cell = comparison.total.cells[group]
        assert round(cell.headline(question)) == figure, key
        # Every one of the 23 committees shows, so the figure leaves nobody out.
        assert len(comparison.committees) == 23
        # The public API says the same.
        response = client.get(
            f"/api/v1/surveys/comparison/?question={question.pk}&first_year=2015&last_year=2018"
        )
        rows = json.loads(response.content)["rows"]
        [total] = [r for r in rows if r["label"] == "all" and r["group"] == group]
        assert round(total["headline_percent"]) == figure, key
    # A running committee has a round open, and the demo citizen finds the link on their page.
    client.force_login(get_user_model().objects.get(email=CITIZEN_EMAIL))
    page = client.get("/evaluering/mine/").content.decode()
    [link] = [part.split('"')[0] for part in page.split('href="')[1:] if "/svar/" in part]
    assert client.get(link).status_code == 200
    assert Round.objects.filter(body__slug="klimatilpasning").get().is_open()
    # The pulse asks about a meeting Fremtidens seniorliv held, and is published.
    pulse = Round.objects.get(kind="pulse")
    assert pulse.meeting is not None
    assert (pulse.meeting.body.slug, pulse.meeting.status) == ("fremtidens-seniorliv", "held")
    assert pulse.opened_at > pulse.meeting.end
    assert pulse.published
