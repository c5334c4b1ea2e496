"""Documents filed with a task committee's terms of reference or its result: on the upload page
and in the API, shown on the terms page and with the result, for those who may read them."""

import pytest
from django.utils.translation import gettext

from samskab.core.access import AccessLevel
from samskab.library import services
from samskab.library.models import Document
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import Delivery, TaskCommittee, TermsVersion

from .files import docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafting(world):
    """Klimatilpasning drafting its terms: version 1 is a draft (the council's to read)."""
    world.tc = TaskCommittee.objects.create(body=world.task, state=State.DRAFTING)
    world.draft = TermsVersion.objects.create(
        task=world.tc, number=1, title="Kommissorium for Klimatilpasning", purpose="Skybrud"
    )
    return world


@pytest.fixture
def approved(drafting):
    drafting.tc.approved_version = drafting.draft
    drafting.tc.state = State.WORKING
    drafting.tc.save()
    return drafting


@pytest.fixture
def delivered(world):
    """Klimatilpasning at work, its result written but not yet presented (the council's)."""
    world.tc = TaskCommittee.objects.create(body=world.task, state=State.WORKING)
    world.delivery = Delivery.objects.create(task=world.tc, summary="Regnbede i villavejene")
    return world


def test_council_member_files_an_annex_with_draft_terms_for_the_council(drafting, client):
    client.force_login(drafting.mayor_user)
    url = "/dokumenter/ny/?kommissorium=klima"
    form = client.get(url)
    assert form.status_code == 200
    assert "Klimatilpasning, version 1" in form.content.decode()
    response = client.post(
        url,
        {
            "body": drafting.task.pk,
            "file": docx(text="Bilag"),
            "title": "Kort over lavninger",
            "kind": "annex",
        },
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.terms == drafting.draft
    assert document.access_level == AccessLevel.COUNCIL
    terms_page = client.get("/opgaveudvalg/klima/kommissorium/").content.decode()
    assert "Kort over lavninger" in terms_page
    assert "/dokumenter/ny/?kommissorium=klima&amp;version=1" in terms_page
    detail = client.get(f"/dokumenter/{document.pk}/").content.decode()
    assert "/opgaveudvalg/klima/kommissorium/v1/" in detail


def test_draft_terms_are_unknown_to_a_citizen_member_on_the_upload_page(drafting, client):
    client.force_login(drafting.citizen_user)
    assert client.get("/dokumenter/ny/?kommissorium=klima").status_code == 404
    assert client.get("/dokumenter/ny/?kommissorium=findes-ikke").status_code == 404
    assert client.get("/dokumenter/ny/?kommissorium=klima&version=x").status_code == 404


def test_approved_terms_papers_are_public_and_shown_to_everyone(approved, client):
    client.force_login(approved.secretariat_user)
    answer = client.post(
        "/api/v1/documents/",
        {
            "body": "klima",
            "file": docx(text="Baggrund"),
            "title": "Baggrundsnotat",
            "terms": "klima",
        },
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["terms"] == approved.draft.pk
    assert answer.json()["access_level"] == "public"
    client.logout()
    page = client.get("/opgaveudvalg/klima/kommissorium/").content.decode()
    assert "Baggrundsnotat" in page
    # Nobody who may not file in the body is offered to add one.
    assert "/dokumenter/ny/?kommissorium=" not in page


def test_result_papers_show_with_the_result_for_those_who_may_read_it(delivered, client):
    client.force_login(delivered.citizen_user)
    # The citizen member may file in the body, but the result is not public yet.
    assert client.get("/dokumenter/ny/?resultat=klima").status_code == 404
    client.force_login(delivered.secretariat_user)
    assert client.get("/dokumenter/ny/?resultat=klima").status_code == 200
    response = client.post(
        "/dokumenter/ny/?resultat=klima",
        {
            "body": delivered.task.pk,
            "file": docx(text="Slides"),
            "title": "Præsentation af resultatet",
            "kind": "report",
        },
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.delivery == delivered.delivery
    assert document.access_level == AccessLevel.COUNCIL
    for who, sees in (
        (delivered.mayor_user, True),
        (delivered.secretariat_user, True),
        (delivered.citizen_user, False),
        (None, False),
    ):
        if who:
            client.force_login(who)
        else:
            client.logout()
        page = client.get("/opgaveudvalg/klima/").content.decode()
        assert ("Præsentation af resultatet" in page) == sees, who
    client.force_login(delivered.secretariat_user)
    result_page = client.get("/opgaveudvalg/klima/resultat/").content.decode()
    assert "Præsentation af resultatet" in result_page
    assert "/dokumenter/ny/?resultat=klima" in result_page


def test_api_refuses_terms_or_results_the_caller_cannot_read(drafting, client):
    client.force_login(drafting.citizen_user)
    answer = client.post("/api/v1/documents/", {"body": "klima", "file": docx(), "terms": "klima"})
    assert answer.status_code == 400
    assert answer.json()["field"] == "terms"
    answer = client.post(
        "/api/v1/documents/", {"body": "klima", "file": docx(), "delivery": "klima"}
    )
    assert answer.status_code == 400
    assert answer.json()["field"] == "delivery"
    both = client.post(
        "/api/v1/documents/",
        {"body": "klima", "file": docx(), "terms": "klima", "delivery": "klima"},
    )
    assert both.status_code == 400
    assert Document.objects.count() == 0


def test_service_refuses_a_paper_for_another_bodys_terms(approved):
    from samskab.core.errors import DomainError

    with pytest.raises(DomainError) as refused:
        services.upload(
            approved.secretariat_user,
            body=approved.other_task,
            file=docx(),
            terms=approved.draft,
        )
    assert refused.value.errors["body"] == gettext(
        "The terms of reference or delivery belong to another body."
    )
    delivery = Delivery.objects.create(task=approved.tc, summary="Regnbede")
    with pytest.raises(DomainError) as hidden:
        services.upload(approved.citizen_user, body=approved.task, file=docx(), delivery=delivery)
    assert "delivery" in hidden.value.errors
