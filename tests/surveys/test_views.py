import csv
import datetime as dt
import io
import json
import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samskab.surveys import services, tokens
from samskab.surveys.models import Answer, Invitation, Round

from .conftest import CITIZENS, POLITICIANS

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s/]+(/evaluering/svar/[^/\s]+/)")


def english(user=None):
    client = Client()
    client.cookies["samskab_language"] = "en"
    if user is not None:
        client.force_login(user)
    return client


def without_pictures(html):
    return re.sub(r"<svg.*?</svg>", "", html, flags=re.S)


def table_rows_of(html, group):
    """The text of every table row about ``group``, and whether a column is headed by it."""
    text = without_pictures(html)
    rows = [
        re.sub(r"<[^>]+>|\s+", " ", row).split()
        for row in re.findall(r"<tr>.*?</tr>", text, flags=re.S)
        if group in row
    ]
    columns = re.findall(rf'<th scope="col">[^<]*(?:<svg.*?</svg>)?\s*{group}</th>', html)
    return [" ".join(r) for r in rows], columns


def test_round_from_opening_to_results_over_http(survey, smtp_server):
    secretariat = english(survey.actor)
    closes = timezone.localdate() + dt.timedelta(days=10)
    response = secretariat.post(
        "/evaluering/ny/",
        {
            "body": survey.body.pk,
            "question_set": survey.set.pk,
            "kind": "evaluation",
            "closes_on": closes.isoformat(),
            "remind_days": "3",
        },
    )
    round_ = Round.objects.get()
    assert response.status_code == 302
    assert response["Location"] == round_.get_absolute_url()
    # Each member got a personal link by email, over SMTP.
    links = [LINK.search(message.get_content()).group(1) for _to, message in smtp_server.messages]
    assert len(links) == 11
    # While it runs, nobody sees results, not even the secretariat.
    page = secretariat.get(round_.get_absolute_url()).content.decode()
    assert "The results are shown when the round has closed." in page
    member = english()
    for n, link in enumerate(links):
        form = member.get(link)
        assert form.status_code == 200
        fields = re.findall(r'name="(q\d+)"', form.content.decode())
        data = {f"q{survey.solutions.pk}": "5" if n % 2 else "4", f"q{survey.scale.pk}": "8"}
        data[f"q{survey.better.pk}"] = "Flere møder om aftenen."
        assert f"q{survey.solutions.pk}" in fields
        done = member.post(link, data)
        assert done.status_code == 200
        assert "Thank you for your answers" in done.content.decode()
    again = member.get(links[0])
    assert again.status_code == 410
    assert "This link has been used" in again.content.decode()
    assert secretariat.post(f"/evaluering/runder/{round_.pk}/luk/").status_code == 302
    page = secretariat.get(round_.get_absolute_url()).content.decode()
    assert "Politicians: 5 of 5 answered." in page
    assert "Citizens: 6 of 6 answered." in page
    assert "<svg" in page
    rows, columns = table_rows_of(page, "Politicians")
    assert "Politicians 40% 60% 0% 0% 0% 0% 100% 5" in rows
    assert len(columns) == 1  # the scale; nobody answered the multiple choice
    # The public sees nothing until the secretariat publishes.
    assert english().get(round_.get_absolute_url()).status_code == 404
    assert (
        secretariat.post(f"/evaluering/runder/{round_.pk}/offentliggoer/", {"published": "1"})
    ).status_code == 302
    public = english().get(round_.get_absolute_url()).content.decode()
    assert "Citizens: 6 of 6 answered." in public
    assert "Flere møder om aftenen." not in public  # free text waits for the secretariat
    rows = list(
        csv.reader(
            io.StringIO(
                english()
                .get(f"{round_.get_absolute_url()}resultater.csv")
                .content.decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    solutions = [
        r for r in rows if r[5] == "loesninger" and r[8] in ("Fully agree", "Partly agree")
    ]
    assert sorted((r[7], r[8], r[9]) for r in solutions) == [
        ("citizens", "Fully agree", "3"),
        ("citizens", "Partly agree", "3"),
        ("politicians", "Fully agree", "2"),
        ("politicians", "Partly agree", "3"),
    ]


def test_answer_form_refused_keeps_what_was_typed(survey):
    round_ = survey.open()
    link = services.link(survey.invitations(round_, CITIZENS)[0])
    response = english().post(
        link, {f"q{survey.solutions.pk}": "9", f"q{survey.better.pk}": "Min tekst."}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select a valid choice" in page or "Choose among the options given" in page
    assert "Min tekst." in page
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    ("make", "status", "says"),
    [
        (lambda s, r: "tampered:" + tokens.make(s.invitations(r, CITIZENS)[0]), 400, "not valid"),
        (lambda s, r: tokens.make(s.invitations(r, CITIZENS)[0])[:-3] + "abc", 400, "not valid"),
    ],
)
def test_answer_link_forged_is_refused_clearly(survey, make, status, says):
    round_ = survey.open()
    response = english().get(f"/evaluering/svar/{make(survey, round_)}/")
    assert response.status_code == status
    assert says in response.content.decode()


def test_answer_link_after_closing_is_refused_clearly(survey):
    round_ = survey.open()
    link = services.link(survey.invitations(round_, CITIZENS)[0])
    services.close_round(survey.actor, round_)
    response = english().post(link, {f"q{survey.solutions.pk}": "5"})
    assert response.status_code == 410
    assert "The survey closed on" in response.content.decode()
    assert not Answer.objects.exists()


def test_my_surveys_shows_my_own_open_links(survey, world):
    from ..factories import MembershipFactory

    MembershipFactory(person=world.citizen, body=survey.body, start_date=survey.body.start_date)
    round_ = survey.open()
    page = english(world.citizen_user).get("/evaluering/mine/").content.decode()
    own = round_.invitations.get(person=world.citizen)
    assert services.link(own) in page
    assert page.count("/evaluering/svar/") == 1
    services.submit(tokens.make(own), {survey.solutions.pk: "5"})
    page = english(world.citizen_user).get("/evaluering/mine/").content.decode()
    assert "/evaluering/svar/" not in page
    assert "you have answered" in page


# -- the threshold, for every role, in the page, the CSV and the API ---------------------------


@pytest.fixture
def below(survey):
    """A published round: four politicians (below the threshold of five) all disagreed and
    gave 0 of 10; six citizens agreed, half fully, half partly."""
    past = timezone.now() - dt.timedelta(days=20)
    round_ = survey.open(days=10, now=past, remind_days=0)
    day = past + dt.timedelta(days=1)
    survey.answer(round_, POLITICIANS, 4, {survey.solutions: "1", survey.scale: "0"}, now=day)
    for n, invitation in enumerate(survey.invitations(round_, CITIZENS)):
        services.submit(
            tokens.make(invitation), {survey.solutions.pk: "5" if n % 2 else "4"}, now=day
        )
    services.publish(survey.actor, round_)
    return round_


def _roles(world):
    return {
        "anonymous": None,
        "citizen": world.citizen_user,
        "council member": world.mayor_user,
        "secretariat": world.secretariat_user,
    }


def test_threshold_hides_results_and_counts_on_the_page_for_every_role(survey, world, below):
    for role, user in _roles(world).items():
        page = english(user).get(below.get_absolute_url()).content.decode()
        assert "Politicians: fewer than 5 answered, so no results are shown" in page, role
        assert "Citizens: 6 of 6 answered." in page, role
        rows, columns = table_rows_of(page, "Politicians")
        assert rows, role
        assert set(rows) == {"Politicians Fewer than 5 answers: not shown."}, role
        assert columns == [], role
        assert "4 of" not in without_pictures(page), role


def test_threshold_hides_results_and_counts_in_the_csv_for_every_role(survey, world, below):
    for role, user in _roles(world).items():
        response = english(user).get(f"{below.get_absolute_url()}resultater.csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        politicians = [r for r in rows[1:] if r[7] == "politicians"]
        assert politicians, role
        for row in politicians:
            assert row[8:] == ["fewer than 5 answers", "", "", ""], role


def test_threshold_hides_results_and_counts_in_the_api_for_every_role(survey, world, below):
    for role, user in _roles(world).items():
        client = english(user)
        results = json.loads(client.get(f"/api/v1/surveys/rounds/{below.pk}/results/").content)
        [politicians] = [g for g in results["groups"] if g["group"] == "politicians"]
        assert politicians == {
            "group": "politicians",
            "shown": False,
            "invited": None,
            "answered": None,
        }, role
        for question in results["questions"]:
            for cell in question["cells"]:
                if cell["group"] == "politicians":
                    assert {k: v for k, v in cell.items() if k not in ("group", "shown")} == {
                        "answers": None,
                        "counts": None,
                        "percentages": None,
                        "headline_percent": None,
                        "mean": None,
                    }, role
        comparison = json.loads(
            client.get(f"/api/v1/surveys/comparison/?question={survey.solutions.pk}").content
        )
        for row in comparison["rows"]:
            if row["group"] == "politicians":
                assert (row["answers"], row["agree_percent"], row["headline_percent"]) == (
                    None,
                    None,
                    None,
                ), role


def test_threshold_leaves_hidden_groups_out_of_the_comparison_page(survey, world, below):
    page = english().get(f"/evaluering/sammenlign/?question={survey.solutions.pk}")
    rows, _columns = table_rows_of(page.content.decode(), "Politicians")
    assert rows
    for row in rows:
        assert row.endswith("Politicians Fewer than 5 answers: not shown."), row
        assert "%" not in row


# -- the secretariat's pages -----------------------------------------------------------------


def test_free_text_is_published_as_the_secretariat_edited_it(survey, below):
    day = below.opened_at + dt.timedelta(days=2)
    invitation = survey.invitations(below, POLITICIANS)[4]
    services.submit(tokens.make(invitation), {survey.better.pk: "Jens var for dominerende."}, day)
    secretariat = english(survey.actor)
    page = secretariat.get(f"/evaluering/runder/{below.pk}/fritekst/").content.decode()
    assert "Jens var for dominerende." in page
    answer = Answer.objects.get(question=survey.better)
    response = secretariat.post(
        f"/evaluering/runder/{below.pk}/fritekst/",
        {"answer": str(answer.pk), "text": "NN var for dominerende.", "publish": "on"},
    )
    assert response.status_code == 302
    public = english().get(below.get_absolute_url()).content.decode()
    assert "NN var for dominerende." in public
    assert "Jens" not in public


def test_free_text_of_a_group_below_the_threshold_is_not_shown_even_to_the_secretariat(
    survey,
):
    past = timezone.now() - dt.timedelta(days=20)
    round_ = survey.open(days=10, now=past, remind_days=0)
    day = past + dt.timedelta(days=1)
    survey.answer(round_, POLITICIANS, 4, {survey.better: "Politikertekst"}, now=day)
    survey.answer(round_, CITIZENS, 5, {survey.better: "Borgertekst"}, now=day)
    page = english(survey.actor).get(f"/evaluering/runder/{round_.pk}/fritekst/")
    assert page.status_code == 200
    assert "Borgertekst" in page.content.decode()
    assert "Politikertekst" not in page.content.decode()


def test_question_set_form_refused_keeps_what_was_typed(survey):
    secretariat = english(survey.actor)
    response = secretariat.post(
        f"{survey.set.get_absolute_url()}spoergsmaal/",
        {
            "text": "Hvilken farve?",
            "key": "farve",
            "kind": "single",
            "asked_of": "all",
            "headline": "agree",
            "options": "Kun én",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Give at least two options, one per line." in page
    assert "Hvilken farve?" in page


def test_open_round_form_refused_says_why_next_to_the_field(survey):
    empty = survey.body.__class__.objects.create(kind="task_committee", name="Tomt", slug="tomt")
    response = english(survey.actor).post(
        "/evaluering/ny/",
        {
            "body": empty.pk,
            "question_set": survey.set.pk,
            "kind": "evaluation",
            "closes_on": (timezone.localdate() + dt.timedelta(days=5)).isoformat(),
            "remind_days": "2",
        },
    )
    assert response.status_code == 400
    assert "The committee has no members to ask" in response.content.decode()
    assert not Round.objects.exists()


# -- bounded queries ---------------------------------------------------------------------------


def _count(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured.captured_queries)


def _grow(survey, rounds):
    """More published rounds with every group answering."""
    past = timezone.now() - dt.timedelta(days=30)
    for _ in range(rounds):
        round_ = survey.open(days=10, now=past, remind_days=0)
        day = past + dt.timedelta(days=1)
        raw = {survey.solutions: "4", survey.scale: "6", survey.forms: ["1"], survey.better: "Ok"}
        survey.answer(round_, POLITICIANS, 5, raw, now=day)
        survey.answer(round_, CITIZENS, 6, {**raw, survey.hard: "2", survey.heard: "0"}, now=day)
        services.publish(survey.actor, round_)
    return round_


def test_results_pages_run_a_bounded_number_of_queries_at_two_sizes(survey, world):
    small_round = _grow(survey, 1)
    paths = lambda r: [  # noqa: E731
        r.get_absolute_url(),
        f"{r.get_absolute_url()}resultater.csv",
        f"/evaluering/sammenlign/?question={survey.solutions.pk}",
        "/evaluering/sammenlign.csv",
        f"/api/v1/surveys/rounds/{r.pk}/results/",
        f"/api/v1/surveys/comparison/?question={survey.solutions.pk}",
        "/evaluering/",
    ]
    for user in (None, world.secretariat_user):
        client = english(user)
        small = [_count(client, p) for p in paths(small_round)]
        large_round = _grow(survey, 6)
        large = [_count(client, p) for p in paths(large_round)]
        assert small == large, user
        assert max(large) <= 15
        small_round = large_round


def test_answer_form_sent_empty_says_what_to_do(survey):
    round_ = survey.open()
    response = english().post(services.link(survey.invitations(round_, CITIZENS)[0]), {})
    assert response.status_code == 400
    assert "Answer at least one question before you send." in response.content.decode()


def test_comparison_of_many_committees_shows_the_totals_and_asks_for_fewer_years(
    survey, monkeypatch
):
    from samskab.surveys import views

    monkeypatch.setattr(views, "MAX_COMMITTEE_ROWS", 2)
    _grow(survey, 3)
    page = english().get(f"/evaluering/sammenlign/?question={survey.solutions.pk}")
    text = page.content.decode()
    assert "3 committees asked this question in the chosen years" in text
    assert "All committees" in text
    assert f'href="{Round.objects.first().get_absolute_url()}"' not in text
    csv_rows = english().get(f"/evaluering/sammenlign.csv?question={survey.solutions.pk}")
    assert csv_rows.content.decode("utf-8-sig").count("Grønne tage") == 6  # 3 rounds × 2 groups


# -- bad input finds no server error --------------------------------------------------------

TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "0", "-1", "5", "11", "99999999999999999999", "\x00", "Ø", "1e9"]),
)
PAIRS = st.lists(st.tuples(TEXT, TEXT), max_size=8)
FUZZ = settings(
    max_examples=30, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)


@given(query=PAIRS)
@FUZZ
def test_comparison_survives_any_query(survey, query):
    response = english().get("/evaluering/sammenlign/?" + urlencode(query))
    assert response.status_code in (200, 400)


@given(fields=PAIRS, choice=TEXT, scale=TEXT)
@FUZZ
def test_answer_form_survives_any_post(survey, fields, choice, scale):
    unused = Invitation.objects.filter(answered=False).first()
    link = services.link(unused or survey.open().invitations.first())
    data = dict(fields)
    data[f"q{survey.solutions.pk}"] = choice
    data[f"q{survey.scale.pk}"] = scale
    response = english().post(link, data)
    assert response.status_code in (200, 400, 410), response.content[:500]


@given(fields=PAIRS, kind=TEXT, options=TEXT)
@FUZZ
def test_secretariat_forms_survive_any_post(survey, fields, kind, options):
    client = english(survey.actor)
    data = {**dict(fields), "kind": kind, "options": options, "closes_on": options}
    for path in (
        "/evaluering/ny/",
        "/evaluering/spoergeskemaer/",
        "/evaluering/spoergeskemaer/automatik/",
        f"{survey.set.get_absolute_url()}spoergsmaal/",
    ):
        response = client.post(path, data)
        assert response.status_code < 500, (path, response.content[:500])
