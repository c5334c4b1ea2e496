import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from samskab.core.errors import DomainError
from samskab.recruitment import services
from samskab.recruitment.models import Application, Interest
from samskab.taskcommittees.lifecycle import State

from .conftest import application_data, applied, approved_task

pytestmark = pytest.mark.django_db


def test_open_call_moves_an_approved_committee_to_recruiting(world, task):
    deadline = timezone.now() + dt.timedelta(days=14)
    call = services.open_call(world.secretariat_user, task, deadline=deadline)
    task.refresh_from_db()
    assert task.state == State.RECRUITING
    assert call.terms == task.approved_version
    assert call.slug == task.body.slug
    assert len(call.code) == 6
    assert call.is_open()
    assert task.state_changes.last().target == State.RECRUITING


def test_open_call_is_refused_before_the_terms_are_approved(world):
    from samskab.taskcommittees import services as task_services

    task = task_services.propose(world.secretariat_user, name="Nyt", proposers=[world.standing])
    with pytest.raises(DomainError) as refused:
        services.open_call(
            world.secretariat_user, task, deadline=timezone.now() + dt.timedelta(days=3)
        )
    assert refused.value.code == "state"


def test_open_call_is_refused_to_a_council_member(world, task):
    with pytest.raises(DomainError) as refused:
        services.open_call(world.mayor_user, task, deadline=timezone.now() + dt.timedelta(days=3))
    assert refused.value.code == "forbidden"


def test_open_call_refuses_a_deadline_in_the_past_and_a_second_open_call(world, task):
    with pytest.raises(DomainError) as refused:
        services.open_call(world.secretariat_user, task, deadline=timezone.now())
    assert refused.value.field == "deadline"
    services.open_call(world.secretariat_user, task, deadline=timezone.now() + dt.timedelta(days=3))
    with pytest.raises(DomainError) as refused:
        services.open_call(
            world.secretariat_user, task, deadline=timezone.now() + dt.timedelta(days=5)
        )
    assert refused.value.code == "state"


def test_deadline_at_is_copenhagen_time():
    moment = services.deadline_at(dt.date(2027, 3, 1))
    assert moment.astimezone(dt.UTC) == dt.datetime(2027, 3, 1, 22, 59, tzinfo=dt.UTC)
    summer = services.deadline_at(dt.date(2027, 7, 1), dt.time(12, 0))
    assert summer.astimezone(dt.UTC) == dt.datetime(2027, 7, 1, 10, 0, tzinfo=dt.UTC)


def test_call_closes_by_itself_at_the_deadline(world, call, districts):
    at = call.deadline
    assert call.is_open(at - dt.timedelta(seconds=1))
    assert not call.is_open(at)
    call.deadline = timezone.now() - dt.timedelta(seconds=1)
    call.save()
    with pytest.raises(DomainError) as refused:
        services.apply(call, application_data(districts), consent=True)
    assert refused.value.code == "closed"
    assert Application.objects.count() == 0


def test_apply_counts_only_once_the_address_is_confirmed(call, districts):
    application = services.apply(call, application_data(districts), consent=True)
    assert application.confirmed_at is None
    assert list(Application.objects.in_pool()) == []
    assert [m.to for m in mail.outbox] == [["karen@example.org"]]
    services.confirm(application)
    assert list(Application.objects.in_pool()) == [application]
    # The receipt with the private link follows the confirmation.
    assert len(mail.outbox) == 2


def test_apply_needs_consent(call, districts):
    with pytest.raises(DomainError) as refused:
        services.apply(call, application_data(districts), consent=False)
    assert refused.value.field == "consent"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", " "),
        ("email", "not-an-address"),
        ("birth_year", 1800),
        ("birth_year", timezone.localdate().year - 5),
        ("background", "astronaut"),
        ("competences", ["Noget andet"]),
        ("motivation", "x" * 2001),
        ("phone", "ring til mig"),
        ("heard_via", "radio"),
        ("gender", "x"),
    ],
)
def test_apply_refuses_bad_input_next_to_its_field(call, districts, field, value):
    with pytest.raises(DomainError) as refused:
        services.apply(call, application_data(districts, **{field: value}), consent=True)
    assert refused.value.field == field
    assert Application.objects.count() == 0


def test_apply_twice_with_one_address_replaces_the_first_only_once_confirmed(call, districts):
    first = applied(call, districts)
    second = services.apply(
        call,
        application_data(districts, email="KAREN@example.org ", motivation="Ny motivation."),
        consent=True,
    )
    assert second.pk == first.pk
    assert Application.objects.count() == 1
    first.refresh_from_db()
    # Until the address confirms it, the first text stands (nobody can overwrite it by
    # knowing the address).
    assert first.motivation == "Jeg vil gerne bidrage med viden om regnvand."
    services.confirm(first)
    first.refresh_from_db()
    assert first.motivation == "Ny motivation."
    assert first.pending is None


def test_update_application_changes_it_until_the_deadline(call, districts):
    application = applied(call, districts)
    services.update_application(
        application, application_data(districts, name="Karen Holm", competences=[])
    )
    application.refresh_from_db()
    assert (application.name, application.competences) == ("Karen Holm", [])
    call.deadline = timezone.now() - dt.timedelta(minutes=1)
    call.save()
    application.call = call
    with pytest.raises(DomainError) as refused:
        services.update_application(application, application_data(districts))
    assert refused.value.code == "closed"


def test_withdraw_takes_the_application_out_of_the_pool(call, districts):
    application = applied(call, districts)
    services.withdraw(application)
    assert list(Application.objects.in_pool()) == []
    with pytest.raises(DomainError) as refused:
        services.withdraw(application)
    assert refused.value.code == "withdrawn"
    with pytest.raises(DomainError):
        services.update_application(application, application_data(districts))


def test_export_data_holds_everything_we_keep(call, districts):
    application = applied(call, districts)
    data = services.export_data(application)
    assert data["application"]["email"] == "karen@example.org"
    assert data["application"]["district"] == "Hellerup"
    assert data["application"]["motivation"] == "Jeg vil gerne bidrage med viden om regnvand."
    assert data["call"]["committee"] == call.terms.title


def test_erase_removes_the_application(call, districts):
    application = applied(call, districts)
    services.erase(application)
    assert Application.objects.count() == 0


def test_confirm_with_future_calls_joins_the_register(call, districts):
    applied(call, districts, future_calls=True)
    interest = Interest.objects.get()
    assert (interest.email, interest.confirmed_at is not None) == ("karen@example.org", True)


def test_mark_shortlists_and_notes_for_the_secretariat_only(world, call, districts):
    application = applied(call, districts)
    services.mark(world.secretariat_user, application, shortlisted=True, note="Stærk profil.")
    application.refresh_from_db()
    assert (application.shortlisted, application.note) == (True, "Stærk profil.")
    with pytest.raises(DomainError) as refused:
        services.mark(world.mayor_user, application, shortlisted=False)
    assert refused.value.code == "forbidden"


def test_join_register_confirms_by_email_and_says_nothing_about_a_known_address(districts):
    data = {"name": "Ib", "email": "ib@example.org", "district": None, "topics": "Klima"}
    interest = services.join_register(data, consent=True)
    assert interest.confirmed_at is None
    assert len(mail.outbox) == 1
    services.confirm_interest(interest)
    again = services.join_register({**data, "name": "Ib Hansen"}, consent=True)
    assert again.pk == interest.pk
    assert len(mail.outbox) == 1
    services.leave_register(interest)
    assert Interest.objects.count() == 0


def test_invite_register_emails_the_confirmed_only(world, call):
    confirmed = services.join_register({"name": "Ib", "email": "ib@example.org"}, consent=True)
    services.confirm_interest(confirmed)
    services.join_register({"name": "Bo", "email": "bo@example.org"}, consent=True)
    mail.outbox.clear()
    assert services.invite_register(world.secretariat_user, call) == 1
    assert [m.to for m in mail.outbox] == [["ib@example.org"]]
    assert call.task.body.name in mail.outbox[0].subject


def test_add_channel_records_where_and_when(world, call):
    channel = services.add_channel(
        world.secretariat_user,
        call,
        kind="local_paper",
        name="Villabyerne",
        date=timezone.localdate(),
    )
    assert (channel.kind, channel.name) == ("local_paper", "Villabyerne")
    with pytest.raises(DomainError) as refused:
        services.add_channel(
            world.secretariat_user,
            call,
            kind="local_paper",
            date=timezone.localdate() + dt.timedelta(days=400),
        )
    assert refused.value.field == "date"


def test_two_committees_get_their_own_calls(world):
    first = approved_task(world, "Grønne tage")
    second = approved_task(world, "Rent vand")
    deadline = timezone.now() + dt.timedelta(days=10)
    a = services.open_call(world.secretariat_user, first, deadline=deadline)
    b = services.open_call(world.secretariat_user, second, deadline=deadline)
    assert a.slug != b.slug and a.code != b.code
