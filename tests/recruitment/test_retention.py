import datetime as dt
import io
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.appointment import services as appointment_services
from samskab.core.errors import DomainError
from samskab.recruitment import breadth, services
from samskab.recruitment.models import Application, Interest, Outcome
from samskab.taskcommittees import services as task_services
from samskab.taskcommittees.lifecycle import State
from tests.appointment.helpers import gentofte_council

from .conftest import applied

pytestmark = pytest.mark.django_db


def closed(call):
    call.deadline = timezone.now() - dt.timedelta(days=1)
    call.save()
    return call


def test_conclude_marks_the_outcome_and_thanks_the_others(world, call, districts):
    chosen = applied(call, districts, email="valgt@example.org")
    other = applied(call, districts, email="ikke@example.org", name="Ole Ikkevalgt")
    applied(call, districts, email="ubekraeftet@example.org", confirmed=False)
    closed(call)
    mail.outbox.clear()
    services.conclude(world.secretariat_user, call, appointed=[chosen], by_decision_record=True)
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert (chosen.outcome, other.outcome) == (Outcome.APPOINTED, Outcome.NOT_APPOINTED)
    assert [m.to for m in mail.outbox] == [["ikke@example.org"]]
    assert "Ole Ikkevalgt" in mail.outbox[0].body
    call.refresh_from_db()
    assert call.retain_until == services.add_months(call.appointed_on, 6)


def test_conclude_is_refused_while_the_call_is_open_and_twice(world, call, districts):
    chosen = applied(call, districts)
    with pytest.raises(DomainError) as refused:
        services.conclude(world.secretariat_user, call, appointed=[chosen], by_decision_record=True)
    assert refused.value.code == "state"
    closed(call)
    services.conclude(world.secretariat_user, call, appointed=[chosen], by_decision_record=True)
    with pytest.raises(DomainError) as refused:
        services.conclude(world.secretariat_user, call, appointed=[], by_decision_record=True)
    assert refused.value.code == "state"


def test_retention_erases_exactly_the_expired_personal_data_and_keeps_statistics(
    world, call, districts, age_groups
):
    keep = applied(call, districts, email="a@example.org")
    applied(call, districts, email="b@example.org", district=districts["Vangede"])
    closed(call)
    before = breadth.count(call)
    services.conclude(
        world.secretariat_user,
        call,
        appointed=[keep],
        on=timezone.localdate(),
        by_decision_record=True,
    )
    # A second call, still within its retention period, keeps everything.
    from .conftest import approved_task

    other = services.open_call(
        world.secretariat_user,
        approved_task(world, "Rent vand"),
        deadline=timezone.now() + dt.timedelta(days=3),
    )
    untouched = applied(other, districts, email="c@example.org")
    fresh_unconfirmed = applied(other, districts, email="d@example.org", confirmed=False)
    stale_unconfirmed = applied(other, districts, email="e@example.org", confirmed=False)
    Application.objects.filter(pk=stale_unconfirmed.pk).update(
        created=timezone.now() - dt.timedelta(days=8)
    )
    # Nothing is due yet.
    assert services.erase_expired() == 1  # only the stale unconfirmed address
    assert Application.objects.filter(call=call).count() == 2
    # Six months later the first call's applications go (its statistics stay), and so does
    # the address that was never confirmed.
    later = timezone.now() + dt.timedelta(days=200)
    assert services.erase_expired(now=later) == 3
    call.refresh_from_db()
    assert Application.objects.filter(call=call).count() == 0
    assert call.anonymised_at is not None
    assert call.statistics == before
    assert breadth.report_for(call).total == 2
    assert list(Application.objects.values_list("pk", flat=True)) == [untouched.pk]
    assert not Application.objects.filter(pk=fresh_unconfirmed.pk).exists()
    # Idempotent.
    assert services.erase_expired(now=later) == 0
    assert call.statistics == before


def test_retention_command_runs_the_same(world, call, districts):
    applied(call, districts)
    closed(call)
    services.conclude(
        world.secretariat_user, call, appointed=[], on=timezone.localdate(), by_decision_record=True
    )
    call.retain_until = timezone.localdate()
    call.save()
    call_command("recruitment_retention", stdout=io.StringIO())
    assert Application.objects.count() == 0


def test_retention_erases_unconfirmed_register_entries(districts):
    interest = services.join_register({"name": "Ib", "email": "ib@example.org"}, consent=True)
    Interest.objects.filter(pk=interest.pk).update(created=timezone.now() - dt.timedelta(days=30))
    services.erase_expired()
    assert Interest.objects.count() == 0


def cancel(world, task):
    task_services.transition(
        world.secretariat_user,
        task,
        State.CANCELLED,
        date=timezone.localdate(),
        note="Byrådet har sat opgaven i bero efter budgetforliget.",
    )


def test_conclude_by_hand_is_refused_where_the_appointment_meeting_decides(
    client, world, call, districts
):
    chosen = applied(call, districts)
    closed(call)
    reason = _(
        "The council appoints this committee's members at an appointment meeting: open it "
        "under Appointments, and the outcomes are registered from its decision record."
    )
    client.force_login(world.secretariat_user)
    page = client.get(f"/rekruttering/{call.slug}/").content.decode()
    assert reason in page.replace("&#x27;", "'")
    assert f'action="/rekruttering/{call.slug}/udpegning/"' not in page  # no form
    response = client.post(
        f"/rekruttering/{call.slug}/udpegning/",
        {"appointed": [chosen.pk], "on": timezone.localdate().isoformat()},
        follow=True,
    )
    assert reason in response.content.decode().replace("&#x27;", "'")
    api = client.post(
        f"/api/v1/calls/{call.slug}/conclusion/",
        json.dumps({"appointed": [chosen.pk], "on": timezone.localdate().isoformat()}),
        content_type="application/json",
    )
    assert api.status_code == 400, api.content
    assert api.json()["detail"] == reason
    chosen.refresh_from_db()
    call.refresh_from_db()
    assert (chosen.outcome, call.appointed_on) == (Outcome.PENDING, None)


def test_conclude_by_hand_is_refused_while_an_appointment_meeting_runs(world, call, districts):
    applied(call, districts)
    closed(call)
    gentofte_council(world)
    appointment_services.start(world.secretariat_user, call.task, reference="KB", seed="t")
    reason = _(
        "The council's appointment meeting for this committee decides who is appointed: "
        "the outcomes are registered from its decision record when it is completed."
    )
    with pytest.raises(DomainError) as refused:
        services.conclude(world.secretariat_user, call, appointed=[])
    assert (refused.value.code, refused.value.message) == ("state", reason)


def test_conclude_by_hand_over_http_for_a_committee_cancelled_before_its_appointment(
    client, world, call, districts
):
    chosen = applied(call, districts)
    other = applied(call, districts, email="ikke@example.org", name="Ole Ikkevalgt")
    closed(call)
    cancel(world, call.task)
    client.force_login(world.secretariat_user)
    page = client.get(f"/rekruttering/{call.slug}/").content.decode()
    assert "Efter udpegningen" in page
    assert f'action="/rekruttering/{call.slug}/udpegning/"' in page
    response = client.post(
        f"/rekruttering/{call.slug}/udpegning/",
        {"on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert (chosen.outcome, other.outcome) == (Outcome.NOT_APPOINTED, Outcome.NOT_APPOINTED)


def test_conclude_by_hand_over_the_api_for_a_committee_cancelled_before_its_appointment(
    client, world, call, districts
):
    chosen = applied(call, districts)
    closed(call)
    cancel(world, call.task)
    client.force_login(world.secretariat_user)
    response = client.post(
        f"/api/v1/calls/{call.slug}/conclusion/",
        json.dumps({"appointed": [], "on": timezone.localdate().isoformat()}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    chosen.refresh_from_db()
    assert chosen.outcome == Outcome.NOT_APPOINTED


def test_add_months_keeps_to_the_end_of_short_months():
    assert services.add_months(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)
    assert services.add_months(dt.date(2027, 1, 15), 12) == dt.date(2028, 1, 15)
