import datetime as dt

import pytest

from samskab.taskcommittees import lifecycle
from samskab.taskcommittees.forms import DecisionForm, TermsForm, TransitionForm
from samskab.taskcommittees.lifecycle import State

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def terms_post(world, **overrides):
    data = {
        "title": "Kommissorium",
        "council_members": "5",
        "citizens": "10",
        "appointment_method": "dhondt_as_one",
        "base_version": "0",
        "receiving_committee": str(world.standing.pk),
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("typed", "ore"),
    [("250.000,50", 25000050), ("250000,5", 25000050), ("1.234.567", 123456700), ("0", 0)],
)
def test_terms_form_accepts_a_danish_budget(world, typed, ore):
    form = TermsForm(terms_post(world, budget_kroner=typed))
    assert form.is_valid(), form.errors
    assert form.content()["budget_ore"] == ore


@pytest.mark.parametrize("typed", ["24.2.2026", "24-02-2026", "24/2/2026", "2026-02-24"])
def test_terms_form_accepts_danish_dates(world, typed):
    form = TermsForm(terms_post(world, start_date=typed, end_date="31.12.2026"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["start_date"] == dt.date(2026, 2, 24)


def test_terms_form_refuses_year_one(world):
    form = TermsForm(terms_post(world, start_date="0001-01-01"))
    assert not form.is_valid()
    assert "Enter a date between" in form.errors["start_date"][0]


@pytest.mark.parametrize(("members", "valid"), [("50", True), ("55", True), ("56", False)])
def test_terms_form_and_service_share_the_council_member_limit(world, members, valid):
    form = TermsForm(terms_post(world, council_members=members, citizens="0"))
    assert form.is_valid() == valid
    if not valid:
        assert form.errors["council_members"] == ["No council has more than 55 members."]


def test_terms_form_shows_every_service_refusal_next_to_its_field(world):
    form = TermsForm(
        terms_post(
            world,
            council_members="56",
            citizens="50",
            start_date="1.3.2026",
            end_date="1.2.2026",
        )
    )
    assert not form.is_valid()
    assert set(form.errors) == {"council_members", "citizens", "end_date"}


def test_transition_form_says_for_which_steps_the_meeting_is_required():
    form = TransitionForm(steps=lifecycle.allowed_from(State.PROPOSED))
    assert str(form.fields["reference"].required_when) == "required for: Appoint the drafters"
    assert "drafters" in form.fields
    form = TransitionForm(steps=lifecycle.allowed_from(State.FOLLOWING_UP))
    assert not hasattr(form.fields["reference"], "required_when")
    assert "drafters" not in form.fields


def test_decision_form_says_when_the_reason_is_required():
    form = DecisionForm(committee_choices=[])
    assert str(form.fields["reason"].required_when) == (
        "required for: adopted with changes, rejected, sent on to a committee"
    )
    assert str(form.fields["referred_to"].required_when) == "required for: sent on to a committee"
