import datetime as dt
import io
import json
import re
from xml.etree import ElementTree

import pytest
import segno
from django.core import mail, signing
from django.test import override_settings
from django.utils import timezone

from samskab.recruitment import services, tokens
from samskab.recruitment.models import Application, Interest

from .conftest import COMPETENCES, applied

pytestmark = pytest.mark.django_db


def form_data(districts, **overrides):
    data = {
        "name": "Karen Jensen",
        "email": "karen@example.org",
        "phone": "",
        "birth_year": "1990",
        "gender": "woman",
        "district": str(districts["Vangede"].pk),
        "background": "private",
        "occupation": "Ingeniør",
        "competences": [COMPETENCES[0]],
        "motivation": "Jeg bor ved åen og vil gerne hjælpe.",
        "heard_via": "website",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def link_in(message, name):
    return (
        re.search(rf"http://\S+/{name}/\S+/", message.body)
        .group(0)
        .removeprefix("http://127.0.0.1:8000")
    )


def test_citizen_applies_confirms_edits_and_withdraws_over_http(client, call, districts):
    page = client.get(f"/deltag/{call.slug}/").content.decode()
    assert "Viden om klimatilpasning" in page
    response = client.post(f"/deltag/{call.slug}/ansoeg/", form_data(districts))
    assert response.status_code == 302
    assert response["Location"] == f"/deltag/{call.slug}/tak/"
    confirm = link_in(mail.outbox[0], "ansoegning/bekraeft")
    # Opening the link changes nothing (a mail scanner may open it); the button confirms.
    assert "Bekræft min ansøgning" in client.get(confirm).content.decode()
    assert Application.objects.in_pool().count() == 0
    response = client.post(confirm)
    assert response.status_code == 302
    assert Application.objects.in_pool().count() == 1
    private = link_in(mail.outbox[1], "ansoegning")
    assert response["Location"] == private
    page = client.get(private).content.decode()
    assert "Karen Jensen" in page
    response = client.post(private, {**form_data(districts), "name": "Karen Holm"})
    assert response.status_code == 302
    assert Application.objects.get().name == "Karen Holm"
    response = client.post(private + "tilbagetraek/")
    assert response.status_code == 302
    assert Application.objects.in_pool().count() == 0
    assert "Du trak denne ansøgning tilbage" in client.get(private).content.decode()


def test_apply_form_keeps_what_was_typed_and_shows_errors_next_to_fields(client, call, districts):
    response = client.post(
        f"/deltag/{call.slug}/ansoeg/",
        form_data(districts, birth_year="19x0", consent="", motivation="Min tekst æøå"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Min tekst æøå" in page
    assert 'value="19x0"' in page
    assert 'value="Karen Jensen"' in page
    assert 'id="id_birth_year_error"' in page
    assert 'id="id_consent_error"' in page
    assert Application.objects.count() == 0


def test_apply_form_in_english(client, call, districts):
    client.cookies["samskab_language"] = "en"
    page = client.get(f"/deltag/{call.slug}/ansoeg/").content.decode()
    assert "What we do with your information" in page
    client.post(f"/deltag/{call.slug}/ansoeg/", form_data(districts))
    assert Application.objects.get().language == "en"
    assert mail.outbox[0].subject.startswith("Confirm your application")


def test_apply_honeypot_pretends_and_keeps_nothing(client, call, districts):
    response = client.post(
        f"/deltag/{call.slug}/ansoeg/", form_data(districts, website="http://spam.example")
    )
    assert response.status_code == 302
    assert Application.objects.count() == 0
    assert mail.outbox == []


@override_settings(RECRUITMENT_SUBMISSIONS_PER_HOUR=2)
def test_apply_is_rate_limited_per_address_and_keeps_the_text(client, call, districts):
    for n in range(2):
        client.post(f"/deltag/{call.slug}/ansoeg/", form_data(districts, email=f"a{n}@example.org"))
    response = client.post(
        f"/deltag/{call.slug}/ansoeg/", form_data(districts, email="a9@example.org")
    )
    assert response.status_code == 429
    assert "a9@example.org" in response.content.decode()
    assert Application.objects.count() == 2


def test_apply_after_the_deadline_says_the_call_is_closed(client, call, districts):
    call.deadline = timezone.now() - dt.timedelta(minutes=1)
    call.save()
    response = client.post(f"/deltag/{call.slug}/ansoeg/", form_data(districts))
    assert response.status_code == 410
    assert "Ansøgningsfristen" in response.content.decode() or "lukket" in response.content.decode()
    assert Application.objects.count() == 0
    assert "Tak til alle" in client.get(f"/deltag/{call.slug}/").content.decode()


def test_private_link_tampered_expired_and_erased_get_clear_answers(client, call, districts):
    application = applied(call, districts)
    token = tokens.make(tokens.PRIVATE, application)
    response = client.get(f"/ansoegning/{token[:-2]}xx/")
    assert response.status_code == 400
    assert "ikke gyldigt" in response.content.decode()
    # A confirm link signed too long ago has expired.
    old = signing.dumps([application.pk, application.secret], salt=tokens.CONFIRM)
    with override_settings(RECRUITMENT_CONFIRM_DAYS=0):
        response = client.get(f"/ansoegning/bekraeft/{old}/")
    assert response.status_code == 410
    # A link of another kind cannot be reused here.
    response = client.get(f"/ansoegning/{tokens.make(tokens.CONFIRM, application)}/")
    assert response.status_code == 400
    response = client.post(f"/ansoegning/{token}/slet/")
    assert response.status_code == 200
    assert Application.objects.count() == 0
    response = client.get(f"/ansoegning/{token}/")
    assert response.status_code == 410
    assert "slettet" in response.content.decode()


def test_private_link_exports_the_applicants_data(client, call, districts):
    application = applied(call, districts)
    response = client.get(f"/ansoegning/{tokens.make(tokens.PRIVATE, application)}/data/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["application"]["email"] == "karen@example.org"


def test_unconfirmed_application_is_said_so_on_the_private_page(client, call, districts):
    application = applied(call, districts, confirmed=False)
    page = client.get(f"/ansoegning/{tokens.make(tokens.PRIVATE, application)}/").content.decode()
    assert "ikke bekræftet" in page


def test_short_link_and_qr_code(client, call):
    response = client.get(f"/k/{call.code}/")
    assert (response.status_code, response["Location"]) == (302, f"/deltag/{call.slug}/")
    response = client.get(f"/deltag/{call.slug}/qr.svg")
    assert response["Content-Type"] == "image/svg+xml"
    svg = ElementTree.fromstring(response.content)
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("viewBox") and svg.get("width") is None  # scales to any print size
    # It encodes the short link: the same symbol as one made for that address.
    expected = segno.make(f"http://testserver/k/{call.code}/", error="m")
    assert response.content.count(b"<path") == 2
    assert _path_of(expected) in response.content.decode()


def _path_of(code):
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", scale=8, border=2, dark="#000", light="#fff", omitsize=True)
    return re.search(r'd="(M[^"]+)"/></g>', buffer.getvalue().decode()).group(1)


def test_get_involved_lists_open_calls_only(client, call, world):
    assert call.task.body.name in client.get("/deltag/").content.decode()
    call.deadline = timezone.now() - dt.timedelta(seconds=1)
    call.save()
    assert call.task.body.name not in client.get("/deltag/").content.decode()


def test_committee_page_shows_its_call(client, call):
    page = client.get(call.task.get_absolute_url()).content.decode()
    assert f"/deltag/{call.slug}/" in page


def test_secretariat_opens_a_call_from_the_pages(client, world, task):
    client.force_login(world.secretariat_user)
    assert "/rekruttering/aaben/" in client.get(task.get_absolute_url()).content.decode()
    response = client.post(
        f"/rekruttering/aaben/{task.body.slug}/",
        {"deadline_date": "2000-01-01", "intro": "Vi søger især unge."},
    )
    assert response.status_code == 400
    assert "fremtiden" in response.content.decode()
    assert "Vi søger især unge." in response.content.decode()
    day = (timezone.localdate() + dt.timedelta(days=20)).isoformat()
    response = client.post(
        f"/rekruttering/aaben/{task.body.slug}/", {"deadline_date": day, "deadline_time": "12:00"}
    )
    assert response.status_code == 302
    call = task.calls.get()
    assert timezone.localtime(call.deadline).strftime("%H:%M") == "12:00"
    response = client.post(
        f"/rekruttering/{call.slug}/kanaler/",
        {"kind": "magazine", "name": "Gentofte Lige Nu", "date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    assert "Gentofte Lige Nu" in client.get(f"/rekruttering/{call.slug}/").content.decode()


def test_council_member_sees_the_pool_without_contact_details(client, world, call, districts):
    applied(call, districts, phone="+45 99 88 77 66")
    client.force_login(world.mayor_user)
    page = client.get(f"/rekruttering/{call.slug}/ansoegere/").content.decode()
    assert "Karen Jensen" in page
    assert "karen@example.org" not in page
    application = Application.objects.get()
    page = client.get(f"/rekruttering/{call.slug}/ansoegere/{application.pk}/").content.decode()
    assert "Jeg vil gerne bidrage" in page
    assert "99 88 77 66" not in page and "karen@example.org" not in page
    csv = client.get(f"/rekruttering/{call.slug}/ansoegere.csv").content.decode()
    assert "Karen Jensen" in csv and "karen@example.org" not in csv
    # A council member cannot shortlist (the secretariat's work).
    response = client.post(
        f"/rekruttering/{call.slug}/ansoegere/{application.pk}/", {"shortlisted": "on"}
    )
    assert response.status_code == 403


def test_secretariat_shortlists_and_notes_an_applicant(client, world, call, districts):
    application = applied(call, districts)
    client.force_login(world.secretariat_user)
    url = f"/rekruttering/{call.slug}/ansoegere/{application.pk}/"
    assert "karen@example.org" in client.get(url).content.decode()
    response = client.post(url, {"shortlisted": "on", "note": "Ring i næste uge."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.shortlisted, application.note) == (True, "Ring i næste uge.")


def test_pool_csv_keeps_formulas_as_text(client, world, call, districts):
    applied(call, districts, name="=HYPERLINK(1)")
    client.force_login(world.secretariat_user)
    csv = client.get(f"/rekruttering/{call.slug}/ansoegere.csv").content.decode()
    assert "'=HYPERLINK(1)" in csv


def test_register_signup_confirm_and_leave(client, districts):
    response = client.post(
        "/deltag/interesserede/",
        {"name": "Ib", "email": "ib@example.org", "district": "", "consent": "on"},
    )
    assert response.status_code == 200
    link = link_in(mail.outbox[0], "deltag/interesserede")
    assert Interest.objects.get().confirmed_at is None
    client.post(link, {"action": "confirm"})
    assert Interest.objects.get().confirmed_at is not None
    client.post(link, {"action": "leave"})
    assert Interest.objects.count() == 0


def test_register_form_refuses_without_consent_and_keeps_the_name(client):
    response = client.post("/deltag/interesserede/", {"name": "Ib Ærø", "email": "ib@example.org"})
    assert response.status_code == 400
    assert 'value="Ib Ærø"' in response.content.decode()
    assert Interest.objects.count() == 0


def test_services_used_by_views_are_the_same_rules(world, call):
    # The API and the pages ask the same predicate: a closed call cannot be edited by anyone.
    call.deadline = timezone.now() - dt.timedelta(days=1)
    call.save()
    assert services.perms.can_invite(world.secretariat_user, call) is False
