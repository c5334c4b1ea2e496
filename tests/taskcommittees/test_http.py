import datetime as dt
import io
import json
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from samskab.taskcommittees import services
from samskab.taskcommittees.lifecycle import State

from .conftest import seat, terms_data

pytestmark = pytest.mark.django_db


def post_step(client, task, target, **data):
    task.refresh_from_db()
    payload = {
        "target": target,
        "expected_state": task.state,
        "date": data.pop("date", dt.date.today()).isoformat(),
    }
    payload.update(data)
    return client.post(f"/opgaveudvalg/{task.body.slug}/trin/", payload)


def terms_post(world, base, **overrides):
    data = terms_data(world, **overrides)
    post = {k: v for k, v in data.items() if v is not None}
    post["receiving_committee"] = (
        data["receiving_committee"].pk if data["receiving_committee"] else ""
    )
    post["start_date"] = data["start_date"].isoformat()
    post["end_date"] = data["end_date"].isoformat()
    post["budget_kroner"] = "123456,00"
    post.pop("budget_ore")
    post["appointment_method"] = "dhondt_as_one"
    post["base_version"] = base
    return post


def test_secretariat_walks_a_committee_through_the_pages(client, world, task):
    client.force_login(world.secretariat_user)
    url = f"/opgaveudvalg/{task.body.slug}/"
    page = client.get(url).content.decode()
    assert 'aria-current="step"' in page
    # A refusal is shown next to the field and the state stays.
    response = post_step(client, task, State.DRAFTING, drafters=[world.mayor.pk])
    assert response.status_code == 400
    assert "Det er en beslutning i kommunalbestyrelsen" in response.content.decode()
    response = post_step(client, task, State.DRAFTING, reference="KB 1", drafters=[world.mayor.pk])
    assert response.status_code == 400
    assert "præcis to" in response.content.decode()
    response = post_step(
        client,
        task,
        State.DRAFTING,
        reference="KB 1",
        drafters=[world.mayor.pk, world.councillor.pk],
    )
    assert response.status_code == 302
    response = client.post(
        f"/opgaveudvalg/{task.body.slug}/kommissorium/rediger/", terms_post(world, 0)
    )
    assert response.status_code == 302
    task.refresh_from_db()
    version = task.versions.get()
    assert version.budget_ore == 12345600
    assert post_step(client, task, State.DRAFT_AT_JOINT_MEETING).status_code == 302
    assert post_step(client, task, State.APPROVED, reference="KB 2").status_code == 302
    assert post_step(client, task, State.RECRUITING).status_code == 302
    seat(world, task, dt.date.today())
    assert post_step(client, task, State.APPOINTED, reference="KB 3").status_code == 302
    assert post_step(client, task, State.WORKING).status_code == 302
    response = post_step(client, task, State.RESULT_PRESENTED)
    assert response.status_code == 400
    assert "anbefalinger" in response.content.decode()
    response = client.post(
        f"/opgaveudvalg/{task.body.slug}/resultat/anbefalinger/",
        {"text": "Grønne tage på skolerne."},
    )
    assert response.status_code == 302
    client.post(f"/opgaveudvalg/{task.body.slug}/resultat/", {"summary": "Resultatet."})
    assert post_step(client, task, State.RESULT_PRESENTED).status_code == 302
    assert post_step(client, task, State.DELIVERED, reference="KB 4").status_code == 302
    rec = task.recommendations.get()
    response = client.post(
        f"/opgaveudvalg/{task.body.slug}/anbefalinger/{rec.pk}/beslutning/",
        {
            f"r{rec.pk}-decision": "rejected",
            f"r{rec.pk}-reason": "",
            f"r{rec.pk}-reference": "KB 5",
        },
    )
    assert response.status_code == 400
    assert "begrundelsen" in response.content.decode()
    response = client.post(
        f"/opgaveudvalg/{task.body.slug}/anbefalinger/{rec.pk}/beslutning/",
        {f"r{rec.pk}-decision": "adopted", f"r{rec.pk}-reference": "KB 5"},
    )
    assert response.status_code == 302
    assert post_step(client, task, State.FOLLOWING_UP).status_code == 302
    item = rec.follow_up
    response = client.post(
        f"/opfoelgning/punkt/{item.pk}/",
        {f"f{item.pk}-status": "done", f"f{item.pk}-note": "Færdig."},
    )
    assert response.status_code == 302
    assert post_step(client, task, State.CLOSED).status_code == 302
    task.refresh_from_db()
    assert task.state == State.CLOSED
    page = client.get(f"/opgaveudvalg/{task.body.slug}/opfoelgning/").content.decode()
    assert "Færdig." in page


def test_stale_form_is_refused(client, world, task):
    client.force_login(world.secretariat_user)
    response = client.post(
        f"/opgaveudvalg/{task.body.slug}/trin/",
        {"target": "cancelled", "expected_state": "drafting", "note": "x"},
    )
    assert response.status_code == 400
    task.refresh_from_db()
    assert task.state == State.PROPOSED


def test_second_editor_sees_both_versions_and_keeps_text(client, world, task):
    client.force_login(world.secretariat_user)
    url = f"/opgaveudvalg/{task.body.slug}/kommissorium/rediger/"
    assert client.post(url, terms_post(world, 0)).status_code == 302
    assert client.post(url, terms_post(world, 1, purpose="Første.")).status_code == 302
    response = client.post(url, terms_post(world, 1, purpose="Mit eget formål."))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Mit eget formål." in page  # what was typed is kept in the form
    assert "Første." in page  # and the other version is shown beside it
    assert "<del>" in page and "<ins>" in page
    assert task.versions.count() == 2
    assert 'name="base_version" value="2"' in page


def test_frozen_terms_cannot_be_edited(client, world, task):
    client.force_login(world.secretariat_user)
    services.transition(
        world.secretariat_user,
        task,
        State.DRAFTING,
        reference="KB",
        drafters=[world.mayor, world.councillor],
    )
    services.save_terms(world.secretariat_user, task, terms_data(world), base_version=0)
    services.transition(world.secretariat_user, task, State.DRAFT_AT_JOINT_MEETING)
    services.transition(world.secretariat_user, task, State.APPROVED, reference="KB")
    url = f"/opgaveudvalg/{task.body.slug}/kommissorium/rediger/"
    assert client.get(url).status_code == 302
    response = client.post(url, terms_post(world, 1))
    assert response.status_code == 400
    assert "godkendt" in response.content.decode()
    assert task.versions.count() == 1


def test_drafts_are_for_council_and_secretariat_only(client, world, task):
    services.save_terms(world.secretariat_user, task, terms_data(world), base_version=0)
    url = f"/opgaveudvalg/{task.body.slug}/kommissorium/"
    title = terms_data(world)["title"]
    for user in (None, world.citizen_user):
        if user:
            client.force_login(user)
        page = client.get(url).content.decode()
        assert title not in page
        assert "Kommissoriet er under udarbejdelse" in page
    client.force_login(world.mayor_user)
    assert title in client.get(url).content.decode()


def test_terms_pdf_has_title_and_approval_line(client, world, task):
    sec = world.secretariat_user
    services.transition(
        sec, task, State.DRAFTING, reference="KB 1", drafters=[world.mayor, world.councillor]
    )
    services.save_terms(sec, task, terms_data(world), base_version=0)
    services.transition(sec, task, State.DRAFT_AT_JOINT_MEETING)
    services.transition(sec, task, State.APPROVED, reference="KB 24.2.2026, pkt. 7")
    response = client.get(f"/opgaveudvalg/{task.body.slug}/kommissorium/v1/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Kommissorium for Grønne tage" in text
    assert "Godkendt af kommunalbestyrelsen" in text
    assert "KB 24.2.2026, pkt. 7" in text
    assert "Side 1 af" in text


def test_compare_shows_changes(client, world, task):
    sec = world.secretariat_user
    services.save_terms(sec, task, terms_data(world), base_version=0)
    services.save_terms(sec, task, terms_data(world, purpose="Nyt formål."), base_version=1)
    client.force_login(sec)
    page = client.get(f"/opgaveudvalg/{task.body.slug}/kommissorium/sammenlign/?fra=1&til=2")
    text = page.content.decode()
    assert page.status_code == 200
    assert "<del>" in text and "Nyt" in text
    assert (
        client.get(
            f"/opgaveudvalg/{task.body.slug}/kommissorium/sammenlign/?fra=x&til=2"
        ).status_code
        == 400
    )


def test_portfolio_is_for_council_and_secretariat(client, world, task):
    assert client.get("/opgaveudvalg/").status_code == 302
    client.force_login(world.citizen_user)
    assert client.get("/opgaveudvalg/").status_code == 403
    client.force_login(world.mayor_user)
    response = client.get("/opgaveudvalg/")
    assert response.status_code == 200
    assert "Grønne tage" in response.content.decode()
    assert client.get("/opgaveudvalg/?state=bogus").status_code == 400


def test_portfolio_shares_its_tables_and_renders_the_personal_parts(client, world, task):
    client.force_login(world.mayor_user)
    assert "Grønne tage" in client.get("/opgaveudvalg/").content.decode()
    client.force_login(world.secretariat_user)
    with CaptureQueriesContext(connection) as captured:
        text = client.get("/opgaveudvalg/").content.decode()
    # The tables and the timeline come from the fragment the mayor's visit stored...
    assert not [q for q in captured.captured_queries if "taskcommittees_statechange" in q["sql"]]
    assert "Grønne tage" in text
    # ...and the header is the secretariat's own.
    assert "sekretariat@example.org" in text
    assert "Birgitte Borgmester" not in text
    services.propose(world.secretariat_user, name="Fremtidens skole", proposers=[world.standing])
    assert "Fremtidens skole" in client.get("/opgaveudvalg/").content.decode()
    client.force_login(world.mayor_user)
    assert "Fremtidens skole" in client.get("/opgaveudvalg/?state=proposed").content.decode()


def test_api_walks_a_committee_with_refusals(client, world):
    client.force_login(world.secretariat_user)

    def api(method, path, data=None):
        return getattr(client, method)(
            f"/api/v1/task-committees/{path}",
            json.dumps(data or {}),
            content_type="application/json",
        )

    response = api("post", "", {"name": "Byens træer", "proposers": [world.standing.slug]})
    assert response.status_code == 201
    slug = response.json()["slug"]
    assert response.json()["state"] == "proposed"
    response = api("post", f"{slug}/transitions/", {"target": "approved"})
    assert response.status_code == 400
    assert response.json()["field"] == "target"
    response = api(
        "post",
        f"{slug}/transitions/",
        {
            "target": "drafting",
            "reference": "KB",
            "drafters": [world.mayor.pk, world.councillor.pk],
        },
    )
    assert response.status_code == 200
    data = terms_data(world)
    data = {
        **data,
        "start_date": data["start_date"].isoformat(),
        "end_date": data["end_date"].isoformat(),
        "receiving_committee": world.standing.slug,
        "base_version": 0,
    }
    assert api("post", f"{slug}/terms/", data).status_code == 201
    conflict = api("post", f"{slug}/terms/", data)
    assert conflict.status_code == 409
    assert conflict.json()["current"]["number"] == 1
    assert (
        api("post", f"{slug}/transitions/", {"target": "draft_at_joint_meeting"}).status_code == 200
    )
    stale = api(
        "post",
        f"{slug}/transitions/",
        {"target": "approved", "reference": "KB", "expected_state": "drafting"},
    )
    assert stale.status_code == 409
    assert (
        api("post", f"{slug}/transitions/", {"target": "approved", "reference": "KB"}).json()[
            "approved_version"
        ]
        == 1
    )
    assert api("post", f"{slug}/terms/", {**data, "base_version": 1}).status_code == 400
    assert api("post", f"{slug}/transitions/", {"target": "recruiting"}).status_code == 200
    from samskab.taskcommittees.models import TaskCommittee

    task = TaskCommittee.objects.get(body__slug=slug)
    seat(world, task, dt.date.today())
    for target in ("appointed", "working"):
        assert (
            api("post", f"{slug}/transitions/", {"target": target, "reference": "KB"}).status_code
            == 200
        )
    assert (
        api("post", f"{slug}/recommendations/", {"text": "Plant flere træer."}).status_code == 201
    )
    assert api("put", f"{slug}/delivery/", {"summary": "Resultat."}).status_code == 200
    for target in ("result_presented", "delivered"):
        assert (
            api("post", f"{slug}/transitions/", {"target": target, "reference": "KB"}).status_code
            == 200
        )
    decision = {"decision": "adopted", "reference": "KB 9"}
    assert api("post", f"{slug}/recommendations/1/decision/", decision).status_code == 200
    again = api("post", f"{slug}/recommendations/1/decision/", decision)
    assert again.status_code == 400
    assert api("post", f"{slug}/transitions/", {"target": "following_up"}).status_code == 200
    items = client.get("/api/v1/follow-up/").json()["results"]
    assert [i["task_committee"] for i in items] == [slug]
    update = client.post(
        f"/api/v1/follow-up/{items[0]['id']}/updates/",
        json.dumps({"status": "done", "note": "Plantet."}),
        content_type="application/json",
    )
    assert update.status_code == 200
    assert update.json()["notes"][0]["text"] == "Plantet."
    final = api("post", f"{slug}/transitions/", {"target": "closed"})
    assert final.json()["state"] == "closed"
    assert len(final.json()["history"]) == 11


def test_api_refuses_writes_from_others(client, world, task):
    client.force_login(world.mayor_user)
    response = client.post(
        f"/api/v1/task-committees/{task.body.slug}/transitions/",
        json.dumps({"target": "drafting"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    client.logout()
    response = client.post(
        "/api/v1/task-committees/",
        json.dumps({"name": "x", "proposers": ["tm"]}),
        content_type="application/json",
    )
    assert response.status_code == 403


def _task_committee_pages(data):
    working, closed = data.working.body.slug, data.closed.body.slug
    pages = {
        "council member: portfolio": ("council member", "/opgaveudvalg/"),
        "council member: portfolio, closed, page 2": (
            "council member",
            "/opgaveudvalg/?state=closed&page=2",
        ),
        "secretariat: portfolio": ("secretariat", "/opgaveudvalg/"),
        "council member: versions": (
            "council member",
            f"/opgaveudvalg/{working}/kommissorium/versioner/",
        ),
    }
    for who in ("anonymous", "council member", "secretariat"):
        pages[f"{who}: a committee"] = (who, f"/opgaveudvalg/{working}/")
        pages[f"{who}: its terms"] = (who, f"/opgaveudvalg/{working}/kommissorium/")
        pages[f"{who}: what became of it"] = (who, "/opfoelgning/")
        pages[f"{who}: what became of it, page 2"] = (who, "/opfoelgning/?page=2")
        pages[f"{who}: a committee's follow-up"] = (who, f"/opgaveudvalg/{closed}/opfoelgning/")
    return pages


def test_terms_page_shows_the_seats_the_composition_implies(client, world, task):
    services.save_terms(world.secretariat_user, task, terms_data(world), base_version=0)
    client.force_login(world.mayor_user)
    response = client.get(f"/opgaveudvalg/{task.body.slug}/kommissorium/")
    seats = response.context["seats"]
    assert seats["as_one"] is True
    assert seats["parts"][0]["seats"] == 5
    assert sum(seats["parts"][0]["result"].seats.values()) == 5
    assert (
        "Pladser efter d&#x27;Hondt" in response.content.decode()
        or "Pladser efter d'Hondt" in response.content.decode()
    )


def test_terms_page_splits_seats_when_appointed_separately(client, world, task):
    services.save_terms(
        world.secretariat_user,
        task,
        terms_data(world, appointment_method="dhondt_separately"),
        base_version=0,
    )
    client.force_login(world.mayor_user)
    seats = client.get(f"/opgaveudvalg/{task.body.slug}/kommissorium/").context["seats"]
    assert [p["seats"] for p in seats["parts"]] == [2, 3]


def test_council_member_gives_input_and_replies_on_a_draft(client, world, task):
    sec = world.secretariat_user
    services.transition(
        sec, task, State.DRAFTING, reference="KB", drafters=[world.mayor, world.councillor]
    )
    services.save_terms(sec, task, terms_data(world), base_version=0)
    client.force_login(world.mayor_user)
    url = f"/opgaveudvalg/{task.body.slug}/input/"
    response = client.post(url, {"text": "  ", "version": 1})
    assert response.status_code == 400
    assert client.post(url, {"text": "Husk skolerne.", "version": 1}).status_code == 302
    first = task.inputs.get()
    assert client.post(url, {"text": "Enig.", "parent": first.pk}).status_code == 302
    page = client.get(f"/opgaveudvalg/{task.body.slug}/kommissorium/").content.decode()
    assert "Husk skolerne." in page and "Enig." in page
    assert task.inputs.get(text="Enig.").parent == first
    client.force_login(world.citizen_user)
    assert client.post(url, {"text": "Borger"}).status_code == 403


def test_history_names_who_registered_each_step_for_the_secretariat_only(client, world, task):
    url = f"/opgaveudvalg/{task.body.slug}/"
    client.force_login(world.secretariat_user)
    assert "Registreret af" in client.get(url).content.decode()
    client.force_login(world.mayor_user)
    assert "Registreret af" not in client.get(url).content.decode()


def test_api_refuses_unknown_proposers_and_drafters_in_danish(client, world, task):
    client.force_login(world.secretariat_user)
    response = client.post(
        "/api/v1/task-committees/",
        json.dumps({"name": "X", "proposers": ["findes-ikke"]}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "En forslagsstiller er ikke et kendt udvalg.",
        "field": "proposers",
    }
    response = client.post(
        f"/api/v1/task-committees/{task.body.slug}/transitions/",
        json.dumps({"target": "drafting", "reference": "KB", "drafters": [999999]}),
        content_type="application/json",
    )
    assert response.json() == {
        "detail": "En forfatter er ikke en kendt person.",
        "field": "drafters",
    }


def test_danish_portfolio_draws_its_timeline_with_numeric_coordinates(client, world, task):
    """With Danish active a float in a template renders "985,4", which SVG cannot read; the
    timeline once drew nothing in Danish. Every coordinate must be a plain number."""
    client.force_login(world.mayor_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    html = client.get("/opgaveudvalg/").content.decode()
    svgs = re.findall(r"<svg[^>]*chart-svg.*?</svg>", html, flags=re.S)
    assert len(svgs) == 2  # the states and the timeline
    values = re.findall(r'\s(?:x|y|x1|x2|y1|y2|width|height|viewBox)="([^"]*)"', "".join(svgs))
    numbers = [part for value in values for part in value.split()]
    assert len(numbers) > 20
    assert [n for n in numbers if not re.fullmatch(r"-?\d+(\.\d+)?", n)] == []
    assert 'lang="da"' in html


# -- the report: an allowlist of types by content (core/uploads.py) ---------------------------


def test_delivery_page_refuses_an_html_report_next_to_the_field_and_keeps_the_text(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ..access_matrix import UNPUBLISHED_DELIVERY, task_processes

    task_processes(world)
    client.force_login(world.secretariat_user)
    html = SimpleUploadedFile("rapport.pdf", b"<!DOCTYPE html><script>alert(1)</script>")
    response = client.post(
        "/opgaveudvalg/klima/resultat/", {"summary": "Et nyt resumé.", "report": html}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_report_error"' in page
    assert "rapport.pdf er ikke en filtype, vi tager imod." in page
    assert "Et nyt resumé." in page
    delivery = world.klima_process.delivery
    delivery.refresh_from_db()
    assert (delivery.summary, delivery.report.name) == (UNPUBLISHED_DELIVERY, "")


def test_delivery_page_stores_a_report_under_the_type_its_content_has(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ..access_matrix import task_processes

    task_processes(world)
    client.force_login(world.secretariat_user)
    pdf = SimpleUploadedFile("rapport.html", b"%PDF-1.7\n%%EOF\n")
    response = client.post("/opgaveudvalg/klima/resultat/", {"summary": "R.", "report": pdf})
    assert response.status_code == 302
    world.klima_process.delivery.refresh_from_db()
    assert world.klima_process.delivery.report.name.endswith("/rapport.pdf")
    download = client.get("/opgaveudvalg/klima/resultat/rapport/")
    assert download["Content-Type"] == "application/pdf"
