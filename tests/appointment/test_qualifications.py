"""The qualifications the council sets for citizen members (besides the applicant list):
living in the municipality, a minimum age, a competence from the terms. They are set when the
appointment meeting opens (page and API), every citizen named is checked against them with
the reason in Danish, and the decision record (page and PDF) states them."""

import datetime as dt
import io
import json

import pytest
from auditlog.models import LogEntry
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from samskab.appointment import pdf, services
from samskab.appointment.models import Appointment, Vacancy
from samskab.meetings.models import Meeting, MeetingKind
from samskab.organisation.models import District, Membership
from tests import factories as f

from .helpers import gentofte_council, recruited_task

pytestmark = pytest.mark.django_db


def post(client, path, data):
    return client.post(path, json.dumps(data), content_type="application/json")


@pytest.fixture
def council(world):
    return gentofte_council(world)


@pytest.fixture
def district(world):
    return District.objects.create(municipality=world.municipality, name="Hellerup")


def start(client, world, **data):
    client.force_login(world.secretariat_user)
    body = {"task_committee": "skybrud", "reference": "KB 1.3.2026, pkt. 4", "seed": "t"}
    return post(client, "/api/v1/appointments/", {**body, **data})


def pick(client, record, **data):
    body = {"number": 1, "version": record["version"], **data}
    return post(client, f"/api/v1/appointments/{record['id']}/picks/", body)


def council_meeting(world, day, **kwargs):
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(17, 0)))
    return Meeting.objects.create(
        body=kwargs.pop("body", world.council),
        kind=MeetingKind.COUNCIL,
        title=kwargs.pop("title", "Kommunalbestyrelsens møde"),
        start=start,
        end=start + dt.timedelta(hours=3),
        **kwargs,
    )


# --- Setting them -------------------------------------------------------------------------


def test_start_records_the_qualifications_and_the_meeting_and_audits_them(client, world, council):
    recruited_task(world)
    meeting = council_meeting(world, timezone.localdate())
    response = start(
        client,
        world,
        residents_only=True,
        min_age=18,
        competences=["Klimatilpasning", "Lokalt foreningsliv"],
        meeting=meeting.pk,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["residents_only"], body["min_age"], body["competences"], body["meeting"]) == (
        True,
        18,
        ["Klimatilpasning", "Lokalt foreningsliv"],
        meeting.pk,
    )
    appointment = Appointment.objects.get()
    assert appointment.meeting == meeting
    entry = LogEntry.objects.get_for_object(appointment).filter(
        additional_data__action="start_appointment"
    )
    data = entry.get().additional_data
    assert (data["residents_only"], data["min_age"], data["competences"]) == (
        "True",
        "18",
        "Klimatilpasning; Lokalt foreningsliv",
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"min_age": 12},
            "min_age",
            lambda: (
                _("The minimum age must be a whole number from %(low)s to %(high)s.")
                % {"low": 15, "high": 100}
            ),
        ),
        (
            {"competences": ["Madkundskab"]},
            "competences",
            lambda: (
                _("Choose among the competences the terms of reference seek: %(list)s.")
                % {"list": "Klimatilpasning; Landskabsarkitektur; Lokalt foreningsliv"}
            ),
        ),
        (
            {"competences": ["Klimatilpasning"], "require_pool": False},
            "competences",
            lambda: _(
                "Competences are known from the applications only: a required competence "
                "needs citizens from the applicant list."
            ),
        ),
    ],
)
def test_start_refuses_a_qualification_the_data_cannot_check(
    client, world, council, data, field, message
):
    recruited_task(world)
    response = start(client, world, **data)
    assert response.status_code == 400, response.content
    assert (response.json()["field"], response.json()["detail"]) == (field, message())
    assert not Appointment.objects.exists()


def test_start_refuses_a_meeting_on_another_day_or_of_another_body(client, world, council):
    recruited_task(world)
    earlier = council_meeting(world, timezone.localdate() - dt.timedelta(days=3))
    response = start(client, world, date=timezone.localdate().isoformat(), meeting=earlier.pk)
    assert response.status_code == 400
    assert response.json()["field"] == "meeting"
    assert response.json()["detail"] == _(
        "The meeting %(title)s is on %(day)s, not on the date of the decision."
    ) % {"title": earlier.title, "day": earlier.start.astimezone().strftime("%d.%m.%Y")}
    committee = council_meeting(world, timezone.localdate(), body=world.standing)
    response = start(client, world, meeting=committee.pk)
    assert (response.status_code, response.json()["field"]) == (400, "meeting")
    assert response.json()["detail"] == _("Choose one of the council's meetings from the list.")
    assert not Appointment.objects.exists()


def test_start_page_refuses_a_meeting_on_another_day_next_to_the_field(client, world, council):
    recruited_task(world)
    earlier = council_meeting(world, timezone.localdate() - dt.timedelta(days=3))
    client.force_login(world.secretariat_user)
    response = client.post(
        "/udpegning/ny/",
        {
            "task": "skybrud",
            "reference": "KB, pkt. 4",
            "date": timezone.localdate().strftime("%d.%m.%Y"),
            "meeting": str(earlier.pk),
        },
    )
    assert response.status_code == 400
    reason = _("The meeting %(title)s is on %(day)s, not on the date of the decision.") % {
        "title": earlier.title,
        "day": timezone.localtime(earlier.start).strftime("%d.%m.%Y"),
    }
    assert response.context["errors"]["meeting"] == reason
    page = response.content.decode()
    assert '<span class="form-error-message" id="id_meeting_error">' in page
    assert escape(reason) in page
    assert f'<option value="{earlier.pk}" selected>' in page
    assert not Appointment.objects.exists()


def test_a_meeting_without_a_date_dates_the_decision(client, world, council):
    task, _call, _pool = recruited_task(world)
    day = timezone.localdate() - dt.timedelta(days=2)
    meeting = council_meeting(world, day)
    response = start(client, world, meeting=meeting.pk)
    assert response.status_code == 201, response.content
    assert response.json()["date"] == day.isoformat()


def test_start_page_keeps_what_was_typed_when_refused(client, world, council):
    recruited_task(world)
    client.force_login(world.secretariat_user)
    response = client.post(
        "/udpegning/ny/",
        {
            "task": "skybrud",
            "reference": "KB 1.3.2026, pkt. 4",
            "residents_only": "on",
            "require_pool": "on",
            "min_age": "12",
            "competence_skybrud": ["Landskabsarkitektur"],
        },
    )
    assert response.status_code == 400
    message = _("The minimum age must be a whole number from %(low)s to %(high)s.") % {
        "low": 15,
        "high": 100,
    }
    assert response.context["errors"]["min_age"] == message
    page = response.content.decode()
    assert escape(message) in page
    assert (
        'id="id_residents_only" type="checkbox" name="residents_only" class="form-checkbox" '
        "checked" in page
    )
    assert 'name="min_age" value="12"' in page
    assert 'value="Landskabsarkitektur" class="form-checkbox" checked' in page
    assert 'value="KB 1.3.2026, pkt. 4"' in page
    assert not Appointment.objects.exists()


def test_start_page_refuses_a_minimum_age_that_is_no_number(client, world, council):
    recruited_task(world)
    client.force_login(world.secretariat_user)
    response = client.post(
        "/udpegning/ny/", {"task": "skybrud", "reference": "KB", "min_age": "atten"}
    )
    assert response.status_code == 400
    assert response.context["errors"]["min_age"] == _("The minimum age must be a whole number.")
    assert 'name="min_age" value="atten"' in response.content.decode()


def test_start_page_sets_the_qualifications(client, world, council):
    recruited_task(world)
    client.force_login(world.secretariat_user)
    response = client.post(
        "/udpegning/ny/",
        {
            "task": "skybrud",
            "reference": "KB 1.3.2026, pkt. 4",
            "require_pool": "on",
            "residents_only": "on",
            "min_age": "25",
            "competence_skybrud": ["Klimatilpasning"],
        },
    )
    assert response.status_code == 302, response.content
    appointment = Appointment.objects.get()
    assert (appointment.residents_only, appointment.min_age, appointment.competences) == (
        True,
        25,
        ["Klimatilpasning"],
    )


# --- Enforcing them on each pick ----------------------------------------------------------


def test_pick_refuses_an_applicant_living_outside_the_municipality(
    client, world, council, district
):
    _task, _call, pool = recruited_task(world, council_members=0, citizens=3)
    record = start(client, world, residents_only=True).json()
    outside = pool[1]  # no district: "I live outside the municipality"
    response = pick(client, record, application=outside.pk)
    assert (response.status_code, response.json()["field"]) == (400, "application")
    assert response.json()["detail"] == _(
        "%(name)s does not live in the municipality, and the council requires citizens who do."
    ) % {"name": outside.name}
    assert not Appointment.objects.get().picks.exists()
    resident = pool[2]
    resident.district = district
    resident.save()
    assert pick(client, record, application=resident.pk).status_code == 200


def test_pick_refuses_an_applicant_below_the_minimum_age(client, world, council):
    _task, _call, pool = recruited_task(world, council_members=0, citizens=3)
    record = start(client, world, min_age=60).json()
    young = pool[11]  # born 1971
    year = timezone.localdate().year
    response = pick(client, record, application=young.pk)
    assert (response.status_code, response.json()["field"]) == (400, "application")
    assert response.json()["detail"] == _(
        "%(name)s turns %(age)s in %(year)s, and the council requires citizens of at least %(min)s."
    ) % {"name": young.name, "age": year - 1971, "year": year, "min": 60}
    assert not Appointment.objects.get().picks.exists()
    old = pool[0]  # born 1960
    old.birth_year = year - 60
    old.save()
    assert pick(client, record, application=old.pk).status_code == 200


def test_pick_refuses_an_applicant_without_a_required_competence(client, world, council):
    _task, _call, pool = recruited_task(world, council_members=0, citizens=3)
    record = start(client, world, competences=["Klimatilpasning"]).json()
    without = pool[0]  # "Madkundskab" only
    response = pick(client, record, application=without.pk)
    assert (response.status_code, response.json()["field"]) == (400, "application")
    assert response.json()["detail"] == _(
        "%(name)s has none of the competences the council requires of citizens: %(list)s."
    ) % {"name": without.name, "list": "Klimatilpasning"}
    assert pick(client, record, application=pool[1].pk).status_code == 200


def test_pick_refuses_a_citizen_named_directly_with_no_district_or_birth_year(
    client, world, council, district
):
    recruited_task(world, council_members=0, citizens=3)
    record = start(client, world, require_pool=False, residents_only=True, min_age=18).json()
    nowhere = f.PersonFactory(name="Ulla Udenbys", district=None, birth_year=1980)
    response = pick(client, record, person=nowhere.pk)
    assert (response.status_code, response.json()["field"]) == (400, "person")
    assert response.json()["detail"] == _(
        "No district of the municipality is recorded for %(name)s, and the council "
        "requires citizens who live in the municipality."
    ) % {"name": nowhere.name}
    ageless = f.PersonFactory(name="Aage Aldersløs", district=district, birth_year=None)
    response = pick(client, record, person=ageless.pk)
    assert response.json()["detail"] == _(
        "No year of birth is recorded for %(name)s, and the council requires citizens "
        "of at least %(min)s."
    ) % {"name": ageless.name, "min": 18}
    assert not Appointment.objects.get().picks.exists()


def test_pick_page_shows_the_reason_and_keeps_what_was_typed(client, world, council):
    _task, _call, pool = recruited_task(world, council_members=0, citizens=3)
    record = start(client, world, competences=["Klimatilpasning"]).json()
    url = f"/udpegning/{record['id']}/"
    page = client.get(url).content.decode()
    # The pool marks beforehand whom the service would refuse.
    assert _("Does not meet the council's qualifications:") in page
    without = pool[0]
    group = record["order"][0]["group"]
    response = client.post(
        f"{url}valg/",
        {
            "who": f"a{without.pk}",
            "number": "1",
            "version": str(record["version"]),
            "named_by": group,
            "note": "Gruppen ønsker en borger fra Skovshoved",
        },
    )
    assert response.status_code == 400
    reason = _(
        "%(name)s has none of the competences the council requires of citizens: %(list)s."
    ) % {"name": without.name, "list": "Klimatilpasning"}
    page = response.content.decode()
    assert response.context["errors"]["application"] == reason
    assert escape(reason) in page
    assert f'value="a{without.pk}" selected' in page
    assert 'value="Gruppen ønsker en borger fra Skovshoved"' in page
    assert not Appointment.objects.get().picks.exists()


def test_vacancy_keeps_the_councils_qualifications(client, world, council):
    task, _call, pool = recruited_task(world, council_members=0, citizens=2)
    actor = world.secretariat_user
    appointment = services.start(
        actor, task, reference="KB", seed="t", competences=["Klimatilpasning"]
    )
    for n, application in enumerate([pool[1], pool[3]], start=1):
        services.pick(
            actor, appointment, number=n, version=appointment.version, application=application
        )
        appointment.refresh_from_db()
    # Two citizens and no council member: complete the record by hand as a chair-less body.
    appointment.status = "completed"
    appointment.save()
    seat = Membership.objects.create(
        person=f.PersonFactory(name="Borger der flytter"),
        body=task.body,
        group=world.group_c,
        start_date=timezone.localdate() - dt.timedelta(days=10),
    )
    client.force_login(actor)
    response = post(
        client,
        "/api/v1/vacancies/",
        {
            "committee": task.body.slug,
            "membership": seat.pk,
            "application": pool[0].pk,
            "date": timezone.localdate().isoformat(),
            "reference": "KB 2.4.2026, pkt. 3",
        },
    )
    assert response.status_code == 400, response.content
    assert response.json()["detail"] == _(
        "%(name)s has none of the competences the council requires of citizens: %(list)s."
    ) % {"name": pool[0].name, "list": "Klimatilpasning"}
    assert not Vacancy.objects.exists()


def test_vacancy_page_shows_the_reason_and_keeps_what_was_typed(client, world, council):
    task, _call, pool = recruited_task(world, council_members=0, citizens=1)
    actor = world.secretariat_user
    appointment = services.start(actor, task, reference="KB", seed="t", min_age=60)
    year = timezone.localdate().year
    Application = type(pool[0])
    Application.objects.filter(pk=pool[0].pk).update(birth_year=year - 70)
    services.pick(actor, appointment, number=1, version=appointment.version, application=pool[0])
    appointment.refresh_from_db()
    appointment.status = "completed"
    appointment.save()
    seat = Membership.objects.create(
        person=f.PersonFactory(name="Borger der flytter"),
        body=task.body,
        group=world.group_c,
        start_date=timezone.localdate() - dt.timedelta(days=10),
    )
    young = pool[11]  # born 1971
    client.force_login(actor)
    response = client.post(
        f"/udpegning/udvalg/{task.body.slug}/ledige-pladser/besaet/",
        {
            "membership": str(seat.pk),
            "who": f"a{young.pk}",
            "date": timezone.localdate().strftime("%d.%m.%Y"),
            "reference": "KB 2.4.2026, pkt. 3",
            "note": "Flyttet til Aarhus",
        },
    )
    assert response.status_code == 400
    reason = _(
        "%(name)s turns %(age)s in %(year)s, and the council requires citizens of at least %(min)s."
    ) % {"name": young.name, "age": year - 1971, "year": year, "min": 60}
    page = response.content.decode()
    assert escape(reason) in page
    assert f'<option value="{seat.pk}" selected>' in page
    assert f'<option value="a{young.pk}" selected>' in page
    assert 'value="KB 2.4.2026, pkt. 3"' in page
    assert 'value="Flyttet til Aarhus"' in page
    assert not Vacancy.objects.exists()


# --- Stating them in the record -----------------------------------------------------------


def test_record_page_and_pdf_state_the_qualifications_and_link_the_meeting(
    client, world, council, district
):
    task, _call, pool = recruited_task(world, council_members=2, citizens=1)
    meeting = council_meeting(world, timezone.localdate())
    actor = world.secretariat_user
    appointment = services.start(
        actor,
        task,
        reference="KB 1.3.2026, pkt. 4",
        seed="t",
        residents_only=True,
        min_age=30,
        competences=["Klimatilpasning"],
        meeting=meeting,
    )
    _groups, people = council
    pool[1].district = district
    pool[1].save()
    for entry in appointment.order:
        number = services.next_number(appointment)
        if entry["group"] in people and number <= 2 and entry["kind"] != "citizen":
            member = people[entry["group"]][0] if number == 1 else people[entry["group"]][1]
            services.pick(
                actor, appointment, number=number, version=appointment.version, person=member
            )
        else:
            services.pick(
                actor, appointment, number=number, version=appointment.version, application=pool[1]
            )
        appointment.refresh_from_db()
    council_picks = [p.person for p in appointment.picks.filter(is_council_member=True)]
    services.choose_chairs(
        actor,
        appointment,
        chair=council_picks[0],
        vice_chair=council_picks[1],
        version=appointment.version,
        take_step=False,
    )
    client.logout()
    url = appointment.get_absolute_url()
    page = client.get(url).content.decode()
    year = appointment.date.year
    for text in (
        _("Qualifications the council set for citizens"),
        _("Living in the municipality."),
        _("At least %(n)s years old in %(year)s.") % {"n": 30, "year": year},
        _("At least one of these competences: %(list)s.") % {"list": "Klimatilpasning"},
    ):
        assert escape(text) in page
    assert f'href="{meeting.get_absolute_url()}"' in page
    response = client.get(f"{url}beslutning.pdf")
    if not pdf.available():
        assert response.status_code == 503
        return
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert _("Living in the municipality.") in text
    assert meeting.title in text
    assert _("At least one of these competences: %(list)s.") % {"list": "Klimatilpasning"} in text
