"""The appointment meeting's pages: the secretariat runs it, every screen follows it by
polling, a stale screen is told, and the decision record is a page and a PDF."""

import io

import pytest
from django.utils import timezone

from samskab.appointment import pdf
from samskab.appointment.models import Appointment
from samskab.organisation.models import Membership

from .helpers import appoint, gentofte_council, recruited_task

pytestmark = pytest.mark.django_db


def test_meeting_runs_through_its_pages(client, world):
    groups, council = gentofte_council(world)
    task, call, pool = recruited_task(world)
    client.force_login(world.secretariat_user)
    listing = client.get("/udpegning/")
    assert listing.status_code == 200
    assert "Skybrud og regnvand" in listing.content.decode()
    refused = client.post("/udpegning/ny/", {"task": "skybrud", "reference": ""})
    assert refused.status_code == 400
    started = client.post(
        "/udpegning/ny/",
        {
            "task": "skybrud",
            "reference": "KB 1.3.2026, pkt. 4",
            "seed": "Gentofte",
            "require_pool": "on",
            **{f"size_{name}": str(len(people)) for name, people in council.items()},
        },
    )
    assert started.status_code == 302
    appointment = Appointment.objects.get()
    url = appointment.get_absolute_url()
    assert started["Location"] == url
    page = client.get(url).content.decode()
    assert "Gentofte" in page  # the seed, for everybody to see
    assert 'hx-trigger="every 3s"' in page
    # Polling with the version shown: nothing new, nothing sent.
    assert client.get(f"{url}?since=1", HTTP_HX_REQUEST="true").status_code == 204
    first = appointment.order[0]["group"]
    person = council[first][0]
    named = client.post(
        f"{url}valg/", {"number": 1, "version": 1, "who": f"p{person.pk}", "named_by": first}
    )
    assert named.status_code == 302
    # Another screen still showing version 1 picks: it is told, and nothing changes.
    late = client.post(
        f"{url}valg/",
        {"number": 1, "version": 1, "who": f"p{council[first][1].pk}", "named_by": first},
        follow=True,
    )
    assert late.status_code == 200
    assert appointment.picks.count() == 1
    assert "En anden skærm nåede først" in late.content.decode()
    # Every other screen gets the new state at its next poll.
    live = client.get(f"{url}?since=1", HTTP_HX_REQUEST="true")
    assert live.status_code == 200
    assert person.name in live.content.decode()
    assert "<html" not in live.content.decode()
    # A council member follows; a citizen does not see a meeting in progress.
    client.force_login(world.mayor_user)
    assert client.get(url).status_code == 200
    client.force_login(world.citizen_user)
    assert client.get(url).status_code == 404


def test_record_page_and_pdf_match_the_memberships(client, world):
    gentofte_council(world)
    task, call, pool = recruited_task(world)
    appointment = appoint(world, task, on=timezone.localdate())
    url = appointment.get_absolute_url()
    page = client.get(url).content.decode()  # public once completed
    members = Membership.objects.filter(body=task.body).select_related("person")
    assert members.count() == 15
    for m in members:
        assert m.person.name in page
    response = client.get(f"{url}beslutning.pdf")
    if not pdf.available():
        assert response.status_code == 503
        return
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for m in members:
        assert m.person.name in text
    assert appointment.seed in text


def test_task_committee_page_links_to_its_decision_record(client, world):
    gentofte_council(world)
    task, call, pool = recruited_task(world)
    client.force_login(world.secretariat_user)
    page = client.get(f"/opgaveudvalg/{task.body.slug}/").content.decode()
    assert "/udpegning/#start-heading" in page  # the secretariat can open the meeting
    appointment = appoint(world, task, on=timezone.localdate())
    client.logout()
    page = client.get(f"/opgaveudvalg/{task.body.slug}/").content.decode()
    assert appointment.get_absolute_url() in page
