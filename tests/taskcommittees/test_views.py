"""The task committee pages: what each person is offered, and what the pages show."""

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile

from samskab.taskcommittees import services
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import Decision

from .. import factories as f
from .conftest import terms_data, to_delivered, to_working

pytestmark = pytest.mark.django_db


def label(page, field_id):
    """The text of the label for ``field_id`` (tags stripped)."""
    match = re.search(rf'<label[^>]*for="{field_id}"[^>]*>(.*?)</label>', page, re.S)
    assert match, f"no label for {field_id}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- Offered only when the predicate allows -----------------------------------------------


def test_mayor_is_not_offered_to_propose_a_committee(client, world, task):
    client.force_login(world.mayor_user)
    assert "Foreslå et opgaveudvalg" not in page_of(client, "/opgaveudvalg/")
    client.force_login(world.secretariat_user)
    assert "Foreslå et opgaveudvalg" in page_of(client, "/opgaveudvalg/")


def test_recruiting_committee_offers_neither_former_members_nor_its_result(client, world, task):
    sec = world.secretariat_user
    services.transition(
        sec, task, State.DRAFTING, reference="KB", drafters=[world.mayor, world.councillor]
    )
    services.save_terms(sec, task, terms_data(world), base_version=0)
    services.transition(sec, task, State.DRAFT_AT_JOINT_MEETING)
    services.transition(sec, task, State.APPROVED, reference="KB")
    services.transition(sec, task, State.RECRUITING)
    client.force_login(sec)
    page = page_of(client, task.get_absolute_url())
    assert "Udvalget har ingen nuværende medlemmer." in page
    assert "Tidligere medlemmer" not in page
    assert "Resultat og anbefalinger" not in page


def test_working_committee_offers_its_result_to_the_secretariat_only(client, world, task):
    task = to_working(world, task)
    client.force_login(world.secretariat_user)
    assert "Resultat og anbefalinger" in page_of(client, task.get_absolute_url())
    client.force_login(world.mayor_user)
    assert "Resultat og anbefalinger" not in page_of(client, task.get_absolute_url())


def test_committee_without_current_members_links_to_its_former_ones(client, world, task):
    f.MembershipFactory(
        body=task.body,
        start_date=world.today - dt.timedelta(days=90),
        end_date=world.today - dt.timedelta(days=1),
    )
    assert "Tidligere medlemmer" in page_of(client, task.get_absolute_url())


def test_edit_link_shows_only_while_the_terms_are_editable(client, world, task, drafters):
    sec = world.secretariat_user
    services.transition(sec, task, State.DRAFTING, reference="KB", drafters=drafters)
    services.save_terms(sec, task, terms_data(world), base_version=0)
    client.force_login(world.mayor_user)
    url = f"/opgaveudvalg/{task.body.slug}/kommissorium/"
    assert "rediger/" in page_of(client, url)
    services.transition(sec, task, State.DRAFT_AT_JOINT_MEETING)
    assert "rediger/" not in page_of(client, url)
    assert "rediger/" not in page_of(client, task.get_absolute_url())


def test_edit_page_at_the_joint_meeting_says_how_to_change_the_draft(client, world, task, drafters):
    sec = world.secretariat_user
    services.transition(sec, task, State.DRAFTING, reference="KB", drafters=drafters)
    services.save_terms(sec, task, terms_data(world), base_version=0)
    services.transition(sec, task, State.DRAFT_AT_JOINT_MEETING)
    client.force_login(sec)
    response = client.get(f"/opgaveudvalg/{task.body.slug}/kommissorium/rediger/", follow=True)
    page = response.content.decode()
    assert "send det tilbage til revision" in page
    assert "godkendt og låst" not in page


# --- The kommissorium before its first version ---------------------------------------------


def test_terms_page_without_a_version_tells_the_secretariat_what_to_do(
    client, world, task, drafters
):
    services.transition(
        world.secretariat_user, task, State.DRAFTING, reference="KB", drafters=drafters
    )
    url = f"/opgaveudvalg/{task.body.slug}/kommissorium/"
    client.force_login(world.secretariat_user)
    page = page_of(client, url)
    assert "Der er endnu ikke gemt et udkast til kommissorium." in page
    assert f'href="/opgaveudvalg/{task.body.slug}/kommissorium/rediger/"' in page
    # A council member who does not draft reads where things stand, without the link.
    client.force_login(f.UserFactory())
    assert "under udarbejdelse" in page_of(client, url)


# --- Labels follow the rules ----------------------------------------------------------------


def test_meeting_is_not_labelled_optional_when_the_step_is_a_council_decision(client, world, task):
    client.force_login(world.secretariat_user)
    page = page_of(client, task.get_absolute_url())
    assert (
        label(page, "id_reference")
        == "Møde eller beslutning (skal udfyldes ved: Udpeg forfatterne til kommissoriet)"
    )
    assert label(page, "id_note") == "Note (valgfrit)"


def test_reason_is_not_labelled_optional_where_a_decision_needs_one(client, world, task):
    task, (rec,) = to_delivered(world, task)
    client.force_login(world.secretariat_user)
    page = page_of(client, f"/opgaveudvalg/{task.body.slug}/resultat/")
    reason = label(page, f"id_r{rec.pk}-reason")
    assert "valgfrit" not in reason
    assert reason == (
        "Begrundelse (skal udfyldes ved: vedtaget med ændringer, forkastet, "
        "sendt videre til et udvalg)"
    )


# --- Every error at once ----------------------------------------------------------------------


def test_transition_form_shows_every_error_at_once(client, world, task):
    client.force_login(world.secretariat_user)
    response = client.post(
        f"/opgaveudvalg/{task.body.slug}/trin/",
        {
            "target": State.DRAFTING,
            "expected_state": State.PROPOSED,
            "date": world.today.isoformat(),
            "drafters": [world.mayor.pk],
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Det er en beslutning i kommunalbestyrelsen" in page
    assert "præcis to" in page
    task.refresh_from_db()
    assert task.state == State.PROPOSED


def test_transition_form_accepts_a_danish_date(client, world, task, drafters):
    client.force_login(world.secretariat_user)
    day = world.today - dt.timedelta(days=1)
    response = client.post(
        f"/opgaveudvalg/{task.body.slug}/trin/",
        {
            "target": State.DRAFTING,
            "expected_state": State.PROPOSED,
            "date": f"{day.day}-{day.month:02d}-{day.year}",
            "reference": "KB",
            "drafters": [p.pk for p in drafters],
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state_changed_on == day


def test_budget_typed_the_danish_way_is_saved(client, world, task):
    client.force_login(world.secretariat_user)
    data = terms_data(world)
    response = client.post(
        f"/opgaveudvalg/{task.body.slug}/kommissorium/rediger/",
        {
            "title": data["title"],
            "assignment": data["assignment"],
            "start_date": "24.2.2026",
            "end_date": "24-02-2027",
            "council_members": "5",
            "citizens": "10",
            "appointment_method": "dhondt_as_one",
            "receiving_committee": world.standing.pk,
            "budget_kroner": "250.000,50",
            "base_version": 0,
        },
    )
    assert response.status_code == 302
    version = task.versions.get()
    assert version.budget_ore == 25000050
    assert (version.start_date, version.end_date) == (dt.date(2026, 2, 24), dt.date(2027, 2, 24))
    # The next version starts from it, written the same way.
    page = page_of(client, f"/opgaveudvalg/{task.body.slug}/kommissorium/rediger/")
    assert 'value="250.000,50"' in page


# --- Result and follow-up ---------------------------------------------------------------------


def test_accountability_record_shows_only_presented_results(client, world, task):
    task = to_working(world, task)
    services.add_recommendation(world.secretariat_user, task, text="Grønne tage.")
    assert "Grønne tage" not in page_of(client, "/opfoelgning/")
    services.transition(world.secretariat_user, task, State.RESULT_PRESENTED)
    assert "Grønne tage" in page_of(client, "/opfoelgning/")


def test_a_presented_result_stays_public_after_cancelling(client, world, task):
    task = to_working(world, task)
    services.add_recommendation(world.secretariat_user, task, text="Offentlig anbefaling.")
    services.transition(world.secretariat_user, task, State.RESULT_PRESENTED)
    services.transition(world.secretariat_user, task, State.CANCELLED, note="Stoppet.")
    slug = task.body.slug
    assert "Offentlig anbefaling." in page_of(client, f"/opgaveudvalg/{slug}/")
    assert "Offentlig anbefaling." in page_of(client, f"/opgaveudvalg/{slug}/opfoelgning/")
    assert f"/opgaveudvalg/{slug}/opfoelgning/" in page_of(client, "/opfoelgning/")
    assert client.get(f"/api/v1/task-committees/{slug}/recommendations/").status_code == 200


def test_referred_recommendation_is_in_what_became_of_it(client, world, task):
    other = f.BodyFactory(kind="standing_committee", name="Kulturudvalget", slug="kultur")
    task, (rec,) = to_delivered(world, task, "Et nyt bibliotek.")
    sec = world.secretariat_user
    services.decide(
        sec, rec, decision=Decision.REFERRED, reason="Kultur.", referred_to=other, reference="KB"
    )
    services.transition(sec, task, State.FOLLOWING_UP)
    page = page_of(client, f"/opgaveudvalg/{task.body.slug}/opfoelgning/")
    assert "Følges op af Kulturudvalget" in page
    assert "0 af 1 opfølgningspunkter" in page_of(client, "/opfoelgning/")


def test_report_is_always_downloaded_never_shown_as_a_page(client, world, task):
    task = to_working(world, task)
    services.save_delivery(
        world.secretariat_user,
        task,
        summary="R.",
        report=ContentFile(b"%PDF-1.7\n<script>alert(1)</script>", name="r.html"),
    )
    client.force_login(world.mayor_user)
    response = client.get(f"/opgaveudvalg/{task.body.slug}/resultat/rapport/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("size", [2, 20])
def test_delivery_page_runs_bounded_queries(
    client, world, task, django_assert_max_num_queries, size
):
    task, _recs = to_delivered(world, task, *[f"Anbefaling {i}." for i in range(size)])
    client.force_login(world.secretariat_user)
    with django_assert_max_num_queries(14):
        assert client.get(f"/opgaveudvalg/{task.body.slug}/resultat/").status_code == 200
