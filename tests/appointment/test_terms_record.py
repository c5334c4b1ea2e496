"""The terms of reference show the council's real appointment (seats per group, pick order,
lot, a link to the decision record) once there is one; before that, the d'Hondt table is
labelled as an illustration."""

import pytest
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from samskab.appointment import services

from .helpers import appoint, gentofte_council, recruited_task

pytestmark = pytest.mark.django_db

ILLUSTRATION = (
    "This is an illustration with a fixed seed; the council's own draw is recorded when it "
    "appoints the members."
)


def terms_page(client, task):
    response = client.get(f"/opgaveudvalg/{task.body.slug}/kommissorium/")
    assert response.status_code == 200
    return response.content.decode()


def test_terms_page_shows_an_illustration_until_the_council_appoints(client, world):
    gentofte_council(world)
    task, _call, _pool = recruited_task(world)
    page = terms_page(client, task)
    assert escape(_(ILLUSTRATION)) in page
    assert _("Illustration") in page
    assert _("The council's appointment") not in page


def test_terms_page_shows_the_real_record_once_the_council_appointed(client, world):
    gentofte_council(world)
    task, _call, _pool = recruited_task(world)
    assert "kb-marts" not in terms_page(client, task)  # cached for anonymous visitors
    appointment = appoint(world, task, seed="kb-marts", on=timezone.localdate())
    page = terms_page(client, task)  # anonymous: the record is public, the cache renewed
    assert escape(_(ILLUSTRATION)) not in page
    assert _("The council's appointment") in page
    assert f'href="{appointment.get_absolute_url()}"' in page
    assert "kb-marts" in page  # the seed of the council's own lot
    for p in appointment.picks.all():
        assert escape(p.name) in page
    # The seats per group are the record's: C has 11 of 15 (DESIGN.md §1's worked example).
    assert '<th scope="row" data-title="' in page
    seats = {entry["group"] for entry in appointment.order}
    assert seats <= {"C", "A", "B", "V", "F", "Ø"}
    c_seats = sum(1 for entry in appointment.order if entry["group"] == "C")
    assert c_seats == 11
    size, seats = _("Council members in the group"), _("Seats")
    assert f'>C</th><td data-title="{size}">12</td><td data-title="{seats}">11</td>' in page


def test_terms_page_shows_a_meeting_in_progress_to_those_who_follow_it(client, world):
    gentofte_council(world)
    task, _call, _pool = recruited_task(world)
    appointment = services.start(
        world.secretariat_user, task, reference="KB 1.3.2026, pkt. 4", seed="igang"
    )
    client.force_login(world.mayor_user)
    page = terms_page(client, task)
    assert _("In progress") in page
    assert "igang" in page
    assert f'href="{appointment.get_absolute_url()}"' in page
    client.logout()
    page = terms_page(client, task)  # the public sees the illustration until it is decided
    assert escape(_(ILLUSTRATION)) in page
    assert "igang" not in page


def test_the_meeting_tables_stack_on_a_phone(client, world):
    """The live tables use the design system's responsive headers (each cell labelled by its
    column, rendered on the server so that a table htmx swaps in stacks too), never a table
    that scrolls sideways."""
    gentofte_council(world)
    task, _call, _pool = recruited_task(world)
    appointment = services.start(world.secretariat_user, task, reference="KB", seed="t")
    client.force_login(world.secretariat_user)
    for url in (appointment.get_absolute_url(), "/udpegning/"):
        page = client.get(url).content.decode()
        assert "table--responsive-scroll" not in page
        assert page.count("table--responsive-headers") >= 1
    page = client.get(appointment.get_absolute_url()).content.decode()
    live = client.get(
        f"{appointment.get_absolute_url()}?since=0", HTTP_HX_REQUEST="true"
    ).content.decode()
    for html in (page, live):
        # 15 picks of 5 columns, 6 groups of 3: every cell carries its column's name.
        assert html.count(f'data-title="{_("Pick")}"') == 15
        assert html.count(f'data-title="{_("Seats")}"') == 6
