"""The access-control matrix: every URL pattern and every API operation, and who gets what.

tests/test_access_matrix.py walks the URL conf and the OpenAPI document; a pattern or an
operation that has no row here fails that test with its name. To add one, append a ``Row`` to
``ROWS``: the URL's name (``"namespace:name"``, or its route when it has no name), the API
operations it serves, and one or more ``Visit``s — how to build a concrete URL from the
``world`` fixture (tests/conftest.py) and the status every role must get. Each role is spelled
out: use ``everyone(200)``, ``logged_in(200)``, ``only(SECRETARIAT, 200, others=404)`` or a dict.

Roles, all from ``world`` (the body in question is ``world.task``, "Klimatilpasning"):

- ``anonymous``: nobody logged in;
- ``plain_citizen``: ``world.plain_user``, a person with an account and no seat anywhere;
- ``other_body_citizen``: ``world.other_citizen_user``, citizen member of another task committee;
- ``citizen_member``: ``world.citizen_user``, citizen member of this task committee;
- ``council_member``: ``world.mayor_user``, council member, chair of this task committee;
- ``secretariat``: ``world.secretariat_user``, staff.

Private data (``private_markers``) must never appear in a page, a JSON answer or a redirect,
except the visitor's own, and except where a visit lists the role in ``private_ok`` (the
secretariat's back office). Add the private fields of new models there (e.g. applications'
free-text motivations, owned by the applicant's user).

Third-party URL sets are covered by rules at the end of this file: Django's admin
(``admin_visits``), django-allauth (``ALLAUTH``), and Django REST framework's format-suffix
duplicates of the API's own rows (``FORMAT_SUFFIX``).
"""

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps

ANONYMOUS = "anonymous"
PLAIN = "plain_citizen"
OTHER = "other_body_citizen"
MEMBER = "citizen_member"
COUNCIL = "council_member"
SECRETARIAT = "secretariat"
ROLES = (ANONYMOUS, PLAIN, OTHER, MEMBER, COUNCIL, SECRETARIAT)
LOGGED_IN_ROLES = ROLES[1:]


def user_for(role, world):
    """The account a role logs in with (``None`` for anonymous)."""
    return {
        ANONYMOUS: None,
        PLAIN: world.plain_user,
        OTHER: world.other_citizen_user,
        MEMBER: world.citizen_user,
        COUNCIL: world.mayor_user,
        SECRETARIAT: world.secretariat_user,
    }[role]


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def logged_in(status: int, anonymous: int = 302) -> dict[str, int]:
    return {ANONYMOUS: anonymous, **dict.fromkeys(LOGGED_IN_ROLES, status)}


def only(role: str, status: int, others: int) -> dict[str, int]:
    return {r: status if r == role else others for r in ROLES}


@dataclass(frozen=True)
class Visit:
    """One concrete request and the status each role must get."""

    path: Callable[[Any], str]
    expect: Mapping[str, int]
    method: str = "get"
    data: Callable[[Any], Any] | None = None
    json: bool = False
    # For 3xx answers: where the Location must point (a prefix; "{path}" is the visited path).
    redirect: str | Mapping[str, str] | None = None
    private_ok: frozenset[str] = frozenset()
    note: str = ""


@dataclass(frozen=True)
class Row:
    name: str
    visits: tuple[Visit, ...]
    operations: tuple[str, ...] = ()
    note: str = ""


LOGIN_REDIRECT = {ANONYMOUS: "/accounts/login/?next={path}"}
# API tokens are for council members and the secretariat.
API_USERS = {ANONYMOUS: 302, PLAIN: 403, OTHER: 403, MEMBER: 403, COUNCIL: 200, SECRETARIAT: 200}


def mayors_token(world, name):
    """A token of world.mayor (a council member), made on first use."""
    from samskab.accounts import services

    tokens = getattr(world, "mayors_tokens", {})
    world.mayors_tokens = tokens
    if name not in tokens:
        tokens[name] = services.create_token(world.mayor_user, name=name)[0]
    return tokens[name]


DHONDT_JSON = {"seats": 3, "groups": [{"name": "C", "size": 12}, {"name": "A", "size": 5}]}

ROWS: list[Row] = [
    # -- organisation: the public pages -----------------------------------------------------
    Row("portal:front", (Visit(lambda w: "/", everyone(200)),)),
    Row("organisation:council", (Visit(lambda w: "/kommunalbestyrelsen/", everyone(200)),)),
    Row(
        "organisation:bodies",
        (
            Visit(lambda w: "/udvalg/?kind=task_committee&status=active", everyone(200)),
            Visit(lambda w: "/udvalg/?kind=nonsense", everyone(400)),
        ),
    ),
    Row(
        "organisation:body",
        (
            Visit(lambda w: w.task.get_absolute_url(), everyone(200)),
            Visit(lambda w: "/udvalg/findes-ikke/", everyone(404)),
        ),
    ),
    Row(
        "organisation:person",
        (
            Visit(lambda w: w.citizen.get_absolute_url(), everyone(200)),
            Visit(
                lambda w: w.applicant.get_absolute_url(),
                only(SECRETARIAT, 200, others=404),
                note="someone who never held a seat has no public page",
            ),
        ),
    ),
    # -- appointment ------------------------------------------------------------------------
    Row(
        "appointment:dhondt",
        (
            Visit(lambda w: "/dhondt/?seats=3&name=C&size=12&name=A&size=5", everyone(200)),
            Visit(lambda w: "/dhondt/?council=1&seats=5", everyone(200)),
        ),
    ),
    # -- accounts ---------------------------------------------------------------------------
    Row(
        "portal:mine",
        (Visit(lambda w: "/konto/", logged_in(200), redirect=LOGIN_REDIRECT),),
        note="shows the visitor's own private data, nobody else's",
    ),
    Row(
        "portal:api_tokens",
        (
            Visit(lambda w: "/konto/api-noegler/", API_USERS, redirect=LOGIN_REDIRECT),
            Visit(
                lambda w: "/konto/api-noegler/",
                API_USERS,
                method="post",
                data=lambda w: {"name": "Månedsrapport"},
            ),
            Visit(
                lambda w: "/konto/api-noegler/",
                {**API_USERS, COUNCIL: 400, SECRETARIAT: 400},
                method="post",
                data=lambda w: {"name": ""},
            ),
        ),
        note="council members and the secretariat hold API tokens (accounts.rules.can_use_api)",
    ),
    Row(
        "portal:revoke_api_token",
        (
            Visit(
                lambda w: f"/konto/api-noegler/{mayors_token(w, 'Side').pk}/tilbagekald/",
                {**logged_in(404), COUNCIL: 302},
                method="post",
                data=lambda w: {},
                redirect={**LOGIN_REDIRECT, COUNCIL: "/konto/api-noegler/"},
                note="only the owner (world.mayor) revokes; to others it does not exist",
            ),
            Visit(
                lambda w: f"/konto/api-noegler/{mayors_token(w, 'Side').pk}/tilbagekald/",
                everyone(405),
            ),
        ),
    ),
    # -- site-wide --------------------------------------------------------------------------
    Row(
        "set_language",
        (
            Visit(
                lambda w: "/i18n/setlang/",
                everyone(302),
                method="post",
                data=lambda w: {"language": "en", "next": "/udvalg/"},
                redirect="/udvalg/",
            ),
            Visit(
                lambda w: "/i18n/setlang/",
                everyone(302),
                method="post",
                data=lambda w: {"language": "en", "next": "https://elsewhere.example.com/"},
                redirect="/",
                note="never redirects to another site",
            ),
        ),
    ),
    Row("healthz", (Visit(lambda w: "/healthz", everyone(200)),)),
    Row("accessibility", (Visit(lambda w: "/tilgaengelighed/", everyone(200)),)),
    Row("privacy", (Visit(lambda w: "/privatliv/", everyone(200)),)),
    # -- API --------------------------------------------------------------------------------
    Row(
        "body-list",
        (
            Visit(lambda w: "/api/v1/bodies/?kind=task_committee", everyone(200)),
            Visit(lambda w: "/api/v1/bodies/?kind=nonsense", everyone(400)),
        ),
        operations=("GET /api/v1/bodies/",),
    ),
    Row(
        "body-detail",
        (
            Visit(lambda w: f"/api/v1/bodies/{w.task.slug}/", everyone(200)),
            Visit(lambda w: "/api/v1/bodies/findes-ikke/", everyone(404)),
        ),
        operations=("GET /api/v1/bodies/{slug}/",),
    ),
    Row(
        "group-list",
        (Visit(lambda w: "/api/v1/groups/", everyone(200)),),
        operations=("GET /api/v1/groups/",),
    ),
    Row(
        "group-detail",
        (Visit(lambda w: f"/api/v1/groups/{w.group_c.pk}/", everyone(200)),),
        operations=("GET /api/v1/groups/{id}/",),
    ),
    Row(
        "person-list",
        (Visit(lambda w: "/api/v1/people/", everyone(200)),),
        operations=("GET /api/v1/people/",),
    ),
    Row(
        "person-detail",
        (
            Visit(lambda w: f"/api/v1/people/{w.citizen.pk}/", everyone(200)),
            Visit(
                lambda w: f"/api/v1/people/{w.applicant.pk}/",
                everyone(404),
                note="the API shows public people only, to the secretariat too",
            ),
        ),
        operations=("GET /api/v1/people/{id}/",),
    ),
    Row(
        "dhondt",
        (
            Visit(
                lambda w: "/api/v1/dhondt",
                everyone(200),
                method="post",
                data=lambda w: DHONDT_JSON,
                json=True,
            ),
            Visit(lambda w: "/api/v1/dhondt", everyone(405)),
        ),
        operations=("POST /api/v1/dhondt",),
    ),
    Row(
        "api-token-list",
        (
            Visit(lambda w: "/api/v1/tokens/", {**everyone(403), COUNCIL: 200, SECRETARIAT: 200}),
            Visit(
                lambda w: "/api/v1/tokens/",
                {**everyone(403), COUNCIL: 201, SECRETARIAT: 201},
                method="post",
                data=lambda w: {"name": "Skript"},
                json=True,
            ),
        ),
        operations=("GET /api/v1/tokens/", "POST /api/v1/tokens/"),
    ),
    Row(
        "api-token-detail",
        (
            Visit(
                lambda w: f"/api/v1/tokens/{mayors_token(w, 'API').pk}/",
                {**everyone(404), ANONYMOUS: 403, COUNCIL: 204},
                method="delete",
                note="only the owner (world.mayor) revokes; to others it does not exist",
            ),
            Visit(lambda w: f"/api/v1/tokens/{mayors_token(w, 'API').pk}/", everyone(405)),
        ),
        operations=("DELETE /api/v1/tokens/{id}/",),
    ),
    Row("api-schema", (Visit(lambda w: "/api/v1/schema/?format=json", everyone(200)),)),
    Row("api-docs", (Visit(lambda w: "/api/v1/docs/", everyone(200)),)),
]


# -- taskcommittees: the process pages and API -----------------------------------------------
# world.task ("klima") is WORKING on its approved version 1; world.other_task ("senior") is
# DRAFTING with an unapproved draft and world.mayor's input on it (see task_processes below).


def task_processes(world):
    """Two task committee processes on the world's bodies (made once per world)."""
    if hasattr(world, "klima_process"):
        return world
    from samskab.taskcommittees.lifecycle import State
    from samskab.taskcommittees.models import (
        Delivery,
        FollowUpItem,
        Input,
        ProgressNote,
        Recommendation,
        StateChange,
        TaskCommittee,
        TermsVersion,
    )

    klima = TaskCommittee.objects.create(body=world.task, state=State.WORKING)
    version = TermsVersion.objects.create(
        task=klima, number=1, title="Kommissorium for Klimatilpasning", purpose="Tørre kældre."
    )
    klima.approved_version = version
    klima.save()
    StateChange.objects.create(task=klima, source="", target=State.PROPOSED, date=world.today)
    Delivery.objects.create(task=klima, summary=UNPUBLISHED_DELIVERY)
    world.klima_recommendation = Recommendation.objects.create(
        task=klima, number=1, text="Plant flere træer."
    )
    world.klima_follow_up = FollowUpItem.objects.create(
        recommendation=world.klima_recommendation, owner=world.standing
    )
    ProgressNote.objects.create(item=world.klima_follow_up, text="I gang.")
    senior = TaskCommittee.objects.create(body=world.other_task, state=State.DRAFTING)
    draft = TermsVersion.objects.create(task=senior, number=1, title=DRAFT_TITLE)
    Input.objects.create(task=senior, version=draft, author=world.mayor, text=MAYORS_INPUT)
    world.klima_process, world.senior_process = klima, senior
    # A committee whose result was delivered: its follow-up is the public record.
    from samskab.organisation.models import Body, BodyKind

    body = Body.objects.create(
        kind=BodyKind.TASK_COMMITTEE,
        name="Grøn mobilitet",
        slug="mobilitet",
        parent=world.standing,
        start_date=world.today - dt.timedelta(days=700),
        end_date=world.today - dt.timedelta(days=300),
    )
    delivered = TaskCommittee.objects.create(body=body, state=State.FOLLOWING_UP)
    adopted = Recommendation.objects.create(
        task=delivered, number=1, text="Flere cykelstier.", decision="adopted"
    )
    world.public_follow_up = FollowUpItem.objects.create(
        recommendation=adopted, owner=world.standing
    )
    return world


UNPUBLISHED_DELIVERY = "Resultatet er endnu ikke fremlagt: hemmeligt udkast."
DRAFT_TITLE = "Udkast til kommissorium for Seniorliv"
MAYORS_INPUT = "Borgmesterens fortrolige input til udkastet."
# Who may do what (taskcommittees/rules.py): the secretariat manages; council members see
# drafts and give input; everyone sees approved terms and, once presented, the result.
MANAGE = {ANONYMOUS: 302, PLAIN: 403, OTHER: 403, MEMBER: 403, COUNCIL: 403, SECRETARIAT: 200}
COUNCIL_AND_SECRETARIAT = {
    ANONYMOUS: 302,
    PLAIN: 403,
    OTHER: 403,
    MEMBER: 403,
    COUNCIL: 200,
    SECRETARIAT: 200,
}


def _manage(status_for_secretariat: int) -> dict[str, int]:
    return {**MANAGE, SECRETARIAT: status_for_secretariat}


def _council(status: int) -> dict[str, int]:
    return {**COUNCIL_AND_SECRETARIAT, COUNCIL: status, SECRETARIAT: status}


def _pdf_status() -> int:
    from samskab.taskcommittees import pdf

    return 200 if pdf.available() else 503  # 503 says why where WeasyPrint cannot run


PDF = _pdf_status()


def _tc(path: str) -> Callable[[Any], str]:
    """A path under a process, e.g. _tc("/opgaveudvalg/klima/") (processes made on first use)."""
    return lambda w: (task_processes(w), path)[1]


TC_LOGIN = {ANONYMOUS: "/accounts/login/?next={path}"}
POST_EMPTY = {"method": "post", "data": lambda w: {}}

ROWS += [
    Row(
        "taskcommittees:portfolio",
        (
            Visit(_tc("/opgaveudvalg/"), COUNCIL_AND_SECRETARIAT, redirect=TC_LOGIN),
            Visit(_tc("/opgaveudvalg/?state=nonsense"), _council(400)),
        ),
    ),
    Row(
        "taskcommittees:propose",
        (
            Visit(_tc("/opgaveudvalg/foreslaa/"), MANAGE, redirect=TC_LOGIN),
            Visit(_tc("/opgaveudvalg/foreslaa/"), _manage(400), **POST_EMPTY),
        ),
    ),
    Row("taskcommittees:accountability", (Visit(_tc("/opfoelgning/"), everyone(200)),)),
    Row(
        "taskcommittees:update_follow_up",
        (
            Visit(
                lambda w: f"/opfoelgning/punkt/{task_processes(w).klima_follow_up.pk}/",
                _manage(400),
                **POST_EMPTY,
            ),
            Visit(
                lambda w: f"/opfoelgning/punkt/{task_processes(w).klima_follow_up.pk}/",
                everyone(405),
            ),
        ),
    ),
    Row(
        "taskcommittees:detail",
        (
            Visit(_tc("/opgaveudvalg/klima/"), everyone(200)),
            Visit(_tc("/opgaveudvalg/senior/"), everyone(200)),
            Visit(_tc("/opgaveudvalg/findes-ikke/"), everyone(404)),
            Visit(
                _tc("/opgaveudvalg/tm/"),
                everyone(404),
                note="a standing committee is no task committee",
            ),
        ),
    ),
    Row(
        "taskcommittees:transition",
        (
            Visit(_tc("/opgaveudvalg/klima/trin/"), _manage(400), **POST_EMPTY),
            Visit(_tc("/opgaveudvalg/klima/trin/"), everyone(405)),
        ),
    ),
    Row(
        "taskcommittees:terms",
        (
            Visit(_tc("/opgaveudvalg/klima/kommissorium/"), everyone(200)),
            Visit(
                _tc("/opgaveudvalg/senior/kommissorium/"),
                everyone(200),
                note="a draft is for the council and the secretariat; others read that the "
                "terms are being prepared",
            ),
        ),
    ),
    Row(
        "taskcommittees:edit_terms",
        (
            Visit(_tc("/opgaveudvalg/senior/kommissorium/rediger/"), MANAGE, redirect=TC_LOGIN),
            Visit(
                _tc("/opgaveudvalg/klima/kommissorium/rediger/"),
                _manage(302),
                redirect={**TC_LOGIN, SECRETARIAT: "/opgaveudvalg/klima/kommissorium/"},
                note="approved terms are frozen",
            ),
        ),
    ),
    Row(
        "taskcommittees:versions",
        (Visit(_tc("/opgaveudvalg/senior/kommissorium/versioner/"), COUNCIL_AND_SECRETARIAT),),
    ),
    Row(
        "taskcommittees:compare",
        (
            Visit(
                _tc("/opgaveudvalg/senior/kommissorium/sammenlign/?fra=1&til=1"),
                COUNCIL_AND_SECRETARIAT,
            ),
            Visit(_tc("/opgaveudvalg/senior/kommissorium/sammenlign/"), _council(400)),
        ),
    ),
    Row(
        "taskcommittees:version",
        (
            Visit(_tc("/opgaveudvalg/klima/kommissorium/v1/"), everyone(200)),
            Visit(_tc("/opgaveudvalg/senior/kommissorium/v1/"), COUNCIL_AND_SECRETARIAT),
            Visit(_tc("/opgaveudvalg/klima/kommissorium/v9/"), everyone(404)),
        ),
    ),
    Row(
        "taskcommittees:version_pdf",
        (
            Visit(
                _tc("/opgaveudvalg/klima/kommissorium/v1/pdf/"),
                everyone(PDF),
            ),
            Visit(
                _tc("/opgaveudvalg/senior/kommissorium/v1/pdf/"),
                _council(PDF),
            ),
        ),
    ),
    Row(
        "taskcommittees:input",
        (
            Visit(
                _tc("/opgaveudvalg/senior/input/"),
                {**MANAGE, COUNCIL: 400, SECRETARIAT: 403},
                note="input is the council members' (an empty one is refused)",
                **POST_EMPTY,
            ),
            Visit(_tc("/opgaveudvalg/senior/input/"), everyone(405)),
        ),
    ),
    Row(
        "taskcommittees:delivery",
        (Visit(_tc("/opgaveudvalg/klima/resultat/"), MANAGE, redirect=TC_LOGIN),),
    ),
    Row(
        "taskcommittees:report",
        (
            Visit(
                _tc("/opgaveudvalg/klima/resultat/rapport/"),
                _council(404),
                note="not presented yet: council and secretariat only (and no report uploaded)",
            ),
        ),
    ),
    Row(
        "taskcommittees:add_recommendation",
        (Visit(_tc("/opgaveudvalg/klima/resultat/anbefalinger/"), _manage(400), **POST_EMPTY),),
    ),
    Row(
        "taskcommittees:decide",
        (
            Visit(
                lambda w: (
                    "/opgaveudvalg/klima/anbefalinger/"
                    f"{task_processes(w).klima_recommendation.pk}/beslutning/"
                ),
                _manage(400),
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "taskcommittees:follow_up", (Visit(_tc("/opgaveudvalg/klima/opfoelgning/"), everyone(200)),)
    ),
]


def _json(data) -> dict:
    return {"method": "post", "data": lambda w: data, "json": True}


API_FORBIDDEN = {**everyone(403)}  # the API answers 403 (no login redirect) to everyone else

ROWS += [
    Row(
        "task-committee-list",
        (
            Visit(_tc("/api/v1/task-committees/?state=working"), everyone(200)),
            Visit(
                _tc("/api/v1/task-committees/"),
                {**API_FORBIDDEN, SECRETARIAT: 201},
                **_json({"name": "Nyt opgaveudvalg", "proposers": ["tm"]}),
            ),
            Visit(_tc("/api/v1/task-committees/"), everyone(400), **_json({})),
        ),
        operations=("GET /api/v1/task-committees/", "POST /api/v1/task-committees/"),
    ),
    Row(
        "task-committee-detail",
        (
            Visit(_tc("/api/v1/task-committees/klima/"), everyone(200)),
            Visit(_tc("/api/v1/task-committees/senior/"), everyone(200)),
            Visit(_tc("/api/v1/task-committees/findes-ikke/"), everyone(404)),
        ),
        operations=("GET /api/v1/task-committees/{slug}/",),
    ),
    Row(
        "task-committee-transitions",
        (
            Visit(
                _tc("/api/v1/task-committees/klima/transitions/"),
                {**API_FORBIDDEN, SECRETARIAT: 400},
                note="WORKING cannot go to CLOSED: refused with a reason",
                **_json({"target": "closed"}),
            ),
        ),
        operations=("POST /api/v1/task-committees/{slug}/transitions/",),
    ),
    Row(
        "task-committee-terms",
        (
            Visit(_tc("/api/v1/task-committees/senior/terms/"), everyone(200)),
            Visit(
                _tc("/api/v1/task-committees/senior/terms/"),
                {**API_FORBIDDEN, SECRETARIAT: 201},
                **_json({"title": "Andet udkast", "base_version": 1}),
            ),
        ),
        operations=(
            "GET /api/v1/task-committees/{slug}/terms/",
            "POST /api/v1/task-committees/{slug}/terms/",
        ),
    ),
    Row(
        "task-committee-terms-version",
        (
            Visit(_tc("/api/v1/task-committees/klima/terms/1/"), everyone(200)),
            Visit(
                _tc("/api/v1/task-committees/senior/terms/1/"),
                {**everyone(404), COUNCIL: 200, SECRETARIAT: 200},
            ),
        ),
        operations=("GET /api/v1/task-committees/{slug}/terms/{number}/",),
    ),
    Row(
        "task-committee-inputs",
        (
            Visit(
                _tc("/api/v1/task-committees/senior/input/"),
                {**API_FORBIDDEN, COUNCIL: 200, SECRETARIAT: 200},
            ),
            Visit(
                _tc("/api/v1/task-committees/senior/input/"),
                {**API_FORBIDDEN, COUNCIL: 201},
                **_json({"text": "Mere om fællesskaber."}),
            ),
        ),
        operations=(
            "GET /api/v1/task-committees/{slug}/input/",
            "POST /api/v1/task-committees/{slug}/input/",
        ),
    ),
    Row(
        "task-committee-delivery",
        (
            Visit(
                _tc("/api/v1/task-committees/klima/delivery/"),
                {**API_FORBIDDEN, COUNCIL: 200, SECRETARIAT: 200},
            ),
            Visit(
                _tc("/api/v1/task-committees/klima/delivery/"),
                {**API_FORBIDDEN, SECRETARIAT: 200},
                method="put",
                data=lambda w: {"summary": "Et nyt resumé."},
                json=True,
            ),
        ),
        operations=(
            "GET /api/v1/task-committees/{slug}/delivery/",
            "PUT /api/v1/task-committees/{slug}/delivery/",
        ),
    ),
    Row(
        "task-committee-recommendations",
        (
            Visit(
                _tc("/api/v1/task-committees/klima/recommendations/"),
                {**API_FORBIDDEN, COUNCIL: 200, SECRETARIAT: 200},
            ),
            Visit(
                _tc("/api/v1/task-committees/klima/recommendations/"),
                {**API_FORBIDDEN, SECRETARIAT: 201},
                **_json({"text": "Byg regnbede."}),
            ),
        ),
        operations=(
            "GET /api/v1/task-committees/{slug}/recommendations/",
            "POST /api/v1/task-committees/{slug}/recommendations/",
        ),
    ),
    Row(
        "task-committee-decision",
        (
            Visit(
                _tc("/api/v1/task-committees/klima/recommendations/1/decision/"),
                {**API_FORBIDDEN, SECRETARIAT: 400},
                note="the council decides on delivered results only",
                **_json({"decision": "adopted", "reference": "KB 1.1.2027, pkt. 3"}),
            ),
        ),
        operations=("POST /api/v1/task-committees/{slug}/recommendations/{number}/decision/",),
    ),
    Row(
        "follow-up-list",
        (Visit(_tc("/api/v1/follow-up/"), everyone(200)),),
        operations=("GET /api/v1/follow-up/",),
    ),
    Row(
        "follow-up-detail",
        (
            Visit(
                lambda w: f"/api/v1/follow-up/{task_processes(w).public_follow_up.pk}/",
                everyone(200),
            ),
            Visit(
                lambda w: f"/api/v1/follow-up/{task_processes(w).klima_follow_up.pk}/",
                everyone(404),
                note="not presented yet: not in the public record",
            ),
        ),
        operations=("GET /api/v1/follow-up/{id}/",),
    ),
    Row(
        "follow-up-updates",
        (
            Visit(
                lambda w: f"/api/v1/follow-up/{task_processes(w).public_follow_up.pk}/updates/",
                {**API_FORBIDDEN, SECRETARIAT: 200},
                **_json({"status": "in_progress", "note": "Første strækning er bygget."}),
            ),
        ),
        operations=("POST /api/v1/follow-up/{id}/updates/",),
    ),
]


# -- surveys: rounds, the personal link, results, question sets ------------------------------
# world.survey_open: an open round on world.task (the mayor and world.citizen asked);
# world.survey_published: a closed round on "Evalueret udvalg", six citizens answered, published;
# world.survey_closed: a closed round on the same committee, not published (see survey_world).

SURVEY_TEXT = "Hemmeligt fritekstsvar, som ingen andre end sekretariatet læser."


def survey_world(world):
    """Three survey rounds on the world's bodies (made once per world)."""
    if hasattr(world, "survey_open"):
        return world
    from django.utils import timezone

    from samskab.organisation.models import Body, BodyKind, Membership
    from samskab.surveys import services, tokens

    from . import factories as f

    now = timezone.now()
    actor = world.secretariat_user
    standard = services.create_set(actor, family="standard", name="Standard")
    agree = services.add_question(
        actor, standard, key="loesninger", text="Udvalget fandt gode løsninger.", kind="agreement"
    )
    text = services.add_question(
        actor, standard, key="bedre", text="Hvad kan gøres bedre?", kind="text"
    )
    world.survey_set, world.survey_question = standard, agree
    world.survey_open = services.open_round(
        actor, world.task, standard, closes_at=now + dt.timedelta(days=10), notify=False
    )
    world.survey_token = tokens.make(world.survey_open.invitations.get(person=world.citizen))
    evaluated = Body.objects.create(
        kind=BodyKind.TASK_COMMITTEE,
        name="Evalueret udvalg",
        slug="evalueret",
        parent=world.standing,
        start_date=world.today - dt.timedelta(days=400),
    )
    for i in range(6):
        Membership.objects.create(
            person=f.PersonFactory(name=f"Evaluerende {i}"),
            body=evaluated,
            start_date=evaluated.start_date,
        )
    past = now - dt.timedelta(days=30)
    published = services.open_round(
        actor, evaluated, standard, closes_at=now - dt.timedelta(days=1), now=past, notify=False
    )
    for i, invitation in enumerate(published.invitations.order_by("pk")):
        raw = {agree.pk: "5", text.pk: SURVEY_TEXT if i == 0 else ""}
        services.submit(tokens.make(invitation), raw, now=past + dt.timedelta(hours=1))
    world.survey_published = services.publish(actor, published)
    world.survey_closed = services.open_round(
        actor, evaluated, standard, closes_at=now - dt.timedelta(days=1), now=past, notify=False
    )
    return world


def _sv(path: Callable[[Any], str]) -> Callable[[Any], str]:
    """A path that needs the survey rounds (made on first use)."""
    return lambda w: path(survey_world(w))


NOT_SEEN = {**everyone(404)}  # a round the visitor may not see does not exist for them

ROWS += [
    Row("surveys:index", (Visit(_sv(lambda w: "/evaluering/"), everyone(200)),)),
    Row(
        "surveys:open",
        (
            Visit(_sv(lambda w: "/evaluering/ny/"), MANAGE, redirect=TC_LOGIN),
            Visit(_sv(lambda w: "/evaluering/ny/"), _manage(400), **POST_EMPTY),
        ),
    ),
    Row(
        "surveys:mine",
        (Visit(_sv(lambda w: "/evaluering/mine/"), logged_in(200), redirect=LOGIN_REDIRECT),),
        note="the visitor's own open surveys (and their own links), nobody else's",
    ),
    Row(
        "surveys:answer",
        (
            Visit(
                _sv(lambda w: f"/evaluering/svar/{w.survey_token}/"),
                everyone(200),
                note="the personal link needs no login",
            ),
            Visit(
                _sv(lambda w: f"/evaluering/svar/{w.survey_token}/"),
                everyone(400),
                note="nothing answered: refused, the link still works",
                **POST_EMPTY,
            ),
            Visit(_sv(lambda w: "/evaluering/svar/forfalsket:abc/"), everyone(400)),
        ),
    ),
    Row(
        "surveys:compare",
        (
            Visit(_sv(lambda w: "/evaluering/sammenlign/"), everyone(200)),
            Visit(_sv(lambda w: "/evaluering/sammenlign/?question=x"), everyone(400)),
        ),
    ),
    Row(
        "surveys:compare_csv",
        (
            Visit(
                _sv(lambda w: f"/evaluering/sammenlign.csv?question={w.survey_question.pk}"),
                everyone(200),
            ),
        ),
    ),
    Row(
        "surveys:round",
        (
            Visit(_sv(lambda w: w.survey_published.get_absolute_url()), everyone(200)),
            Visit(_sv(lambda w: w.survey_open.get_absolute_url()), {**NOT_SEEN, SECRETARIAT: 200}),
            Visit(
                _sv(lambda w: w.survey_closed.get_absolute_url()), {**NOT_SEEN, SECRETARIAT: 200}
            ),
            Visit(_sv(lambda w: "/evaluering/runder/999999/"), everyone(404)),
        ),
    ),
    Row(
        "surveys:close",
        (
            Visit(_sv(lambda w: f"/evaluering/runder/{w.survey_open.pk}/luk/"), everyone(405)),
            Visit(
                _sv(lambda w: f"/evaluering/runder/{w.survey_published.pk}/luk/"),
                {**_manage(400), ANONYMOUS: 302},
                note="closed already: refused with the reason",
                **POST_EMPTY,
            ),
            Visit(
                _sv(lambda w: f"/evaluering/runder/{w.survey_open.pk}/luk/"),
                {**NOT_SEEN, SECRETARIAT: 302},
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "surveys:publish",
        (
            Visit(
                _sv(lambda w: f"/evaluering/runder/{w.survey_closed.pk}/offentliggoer/"),
                everyone(405),
            ),
            Visit(
                _sv(lambda w: f"/evaluering/runder/{w.survey_closed.pk}/offentliggoer/"),
                {**NOT_SEEN, SECRETARIAT: 302},
                method="post",
                data=lambda w: {"published": "1"},
            ),
        ),
    ),
    Row(
        "surveys:texts",
        (
            Visit(
                _sv(lambda w: f"/evaluering/runder/{w.survey_published.pk}/fritekst/"),
                MANAGE,
                redirect=TC_LOGIN,
                private_ok=frozenset({SECRETARIAT}),
            ),
            Visit(
                _sv(lambda w: f"/evaluering/runder/{w.survey_closed.pk}/fritekst/"),
                {**NOT_SEEN, SECRETARIAT: 200},
            ),
            Visit(
                _sv(lambda w: f"/evaluering/runder/{w.survey_published.pk}/fritekst/"),
                _manage(400),
                note="no such answer in the round",
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "surveys:round_csv",
        (
            Visit(
                _sv(lambda w: f"/evaluering/runder/{w.survey_published.pk}/resultater.csv"),
                everyone(200),
            ),
            Visit(
                _sv(lambda w: f"/evaluering/runder/{w.survey_closed.pk}/resultater.csv"),
                {**NOT_SEEN, SECRETARIAT: 200},
            ),
            Visit(
                _sv(lambda w: f"/evaluering/runder/{w.survey_open.pk}/resultater.csv"),
                NOT_SEEN,
                note="no results while the round is open, for anybody",
            ),
        ),
    ),
    Row(
        "surveys:question_sets",
        (
            Visit(_sv(lambda w: "/evaluering/spoergeskemaer/"), MANAGE, redirect=TC_LOGIN),
            Visit(_sv(lambda w: "/evaluering/spoergeskemaer/"), _manage(400), **POST_EMPTY),
        ),
    ),
    Row(
        "surveys:automatic",
        (
            Visit(_sv(lambda w: "/evaluering/spoergeskemaer/automatik/"), everyone(405)),
            Visit(
                _sv(lambda w: "/evaluering/spoergeskemaer/automatik/"), _manage(400), **POST_EMPTY
            ),
        ),
    ),
    Row(
        "surveys:question_set",
        (
            Visit(_sv(lambda w: w.survey_set.get_absolute_url()), MANAGE, redirect=TC_LOGIN),
            Visit(_sv(lambda w: w.survey_set.get_absolute_url()), _manage(400), **POST_EMPTY),
        ),
    ),
    Row(
        "surveys:add_question",
        (
            Visit(_sv(lambda w: f"{w.survey_set.get_absolute_url()}spoergsmaal/"), everyone(405)),
            Visit(
                _sv(lambda w: f"{w.survey_set.get_absolute_url()}spoergsmaal/"),
                _manage(400),
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "surveys:edit_question",
        (
            Visit(
                _sv(
                    lambda w: (
                        f"{w.survey_set.get_absolute_url()}spoergsmaal/{w.survey_question.pk}/"
                    )
                ),
                MANAGE,
                redirect=TC_LOGIN,
            ),
            Visit(
                _sv(
                    lambda w: (
                        f"{w.survey_set.get_absolute_url()}spoergsmaal/{w.survey_question.pk}/"
                    )
                ),
                _manage(400),
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "surveys:delete_question",
        (
            Visit(
                _sv(
                    lambda w: (
                        f"{w.survey_set.get_absolute_url()}spoergsmaal/{w.survey_question.pk}/slet/"
                    )
                ),
                _manage(400),
                note="a version that a round used is frozen",
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "surveys:new_version",
        (
            Visit(_sv(lambda w: f"{w.survey_set.get_absolute_url()}ny-version/"), everyone(405)),
            Visit(
                _sv(lambda w: f"{w.survey_set.get_absolute_url()}ny-version/"),
                _manage(302),
                **POST_EMPTY,
            ),
        ),
    ),
    # -- the API --
    Row(
        "survey-question-set-list",
        (Visit(_sv(lambda w: "/api/v1/surveys/question-sets/"), everyone(200)),),
        operations=("GET /api/v1/surveys/question-sets/",),
    ),
    Row(
        "survey-question-set-detail",
        (Visit(_sv(lambda w: f"/api/v1/surveys/question-sets/{w.survey_set.pk}/"), everyone(200)),),
        operations=("GET /api/v1/surveys/question-sets/{id}/",),
    ),
    Row(
        "survey-round-list",
        (
            Visit(_sv(lambda w: "/api/v1/surveys/rounds/"), everyone(200)),
            Visit(
                _sv(lambda w: "/api/v1/surveys/rounds/"),
                {**API_FORBIDDEN, SECRETARIAT: 201},
                method="post",
                data=lambda w: {
                    "committee": "klima",
                    "question_set": survey_world(w).survey_set.pk,
                    "closes_on": (w.today + dt.timedelta(days=14)).isoformat(),
                },
                json=True,
            ),
            Visit(
                _sv(lambda w: "/api/v1/surveys/rounds/"),
                {**API_FORBIDDEN, SECRETARIAT: 400},
                **_json({}),
            ),
        ),
        operations=("GET /api/v1/surveys/rounds/", "POST /api/v1/surveys/rounds/"),
    ),
    Row(
        "survey-round-detail",
        (
            Visit(_sv(lambda w: f"/api/v1/surveys/rounds/{w.survey_published.pk}/"), everyone(200)),
            Visit(
                _sv(lambda w: f"/api/v1/surveys/rounds/{w.survey_open.pk}/"),
                {**NOT_SEEN, SECRETARIAT: 200},
            ),
        ),
        operations=("GET /api/v1/surveys/rounds/{id}/",),
    ),
    Row(
        "survey-round-close",
        (
            Visit(
                _sv(lambda w: f"/api/v1/surveys/rounds/{w.survey_published.pk}/close/"),
                {**API_FORBIDDEN, SECRETARIAT: 400},
                note="closed already",
                **_json({}),
            ),
            Visit(
                _sv(lambda w: f"/api/v1/surveys/rounds/{w.survey_open.pk}/close/"),
                {**NOT_SEEN, SECRETARIAT: 200},
                **_json({}),
            ),
        ),
        operations=("POST /api/v1/surveys/rounds/{id}/close/",),
    ),
    Row(
        "survey-round-publish",
        (
            Visit(
                _sv(lambda w: f"/api/v1/surveys/rounds/{w.survey_closed.pk}/publish/"),
                {**NOT_SEEN, SECRETARIAT: 200},
                **_json({"published": True}),
            ),
        ),
        operations=("POST /api/v1/surveys/rounds/{id}/publish/",),
    ),
    Row(
        "survey-round-results",
        (
            Visit(
                _sv(lambda w: f"/api/v1/surveys/rounds/{w.survey_published.pk}/results/"),
                everyone(200),
            ),
            Visit(
                _sv(lambda w: f"/api/v1/surveys/rounds/{w.survey_open.pk}/results/"),
                NOT_SEEN,
                note="no results while the round is open, for anybody",
            ),
        ),
        operations=("GET /api/v1/surveys/rounds/{id}/results/",),
    ),
    Row(
        "survey-comparison",
        (
            Visit(
                _sv(lambda w: f"/api/v1/surveys/comparison/?question={w.survey_question.pk}"),
                everyone(200),
            ),
            Visit(_sv(lambda w: "/api/v1/surveys/comparison/?question=x"), everyone(400)),
        ),
        operations=("GET /api/v1/surveys/comparison/",),
    ),
]


# -- private data ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Private:
    """A piece of private data: ``owner`` (a user, or None) and the roles in ``also`` may see
    it; ``pattern`` finds it."""

    label: str
    pattern: re.Pattern
    owner: Any = None
    also: frozenset[str] = frozenset()


def _exact(text: str) -> re.Pattern:
    return re.compile(re.escape(text))


def private_markers(world) -> list[Private]:
    """Everything that must not leak: every person's email, and world.citizen's phone and birth
    year (other people share the factories' defaults, so only hers are tell-tale)."""
    from samskab.organisation.models import Person

    markers = [
        Private(f"email of {p.name}", _exact(p.contact_email), owner=p.user)
        for p in Person.objects.select_related("user")
        if p.contact_email
    ]
    citizen = world.citizen
    markers += [
        Private("phone of world.citizen", _exact(citizen.phone), owner=citizen.user),
        Private(
            "birth year of world.citizen",
            # As a value on its own: not a part of a longer number, an id or a path.
            re.compile(rf"(?<![\w/#.:-]){citizen.birth_year}(?![\w/])"),
            owner=citizen.user,
        ),
    ]
    # Task committees: a draft, the input on it and an unpresented result (task_processes).
    council_only = frozenset({COUNCIL, SECRETARIAT})
    markers += [
        Private("draft terms of reference", _exact(DRAFT_TITLE), also=council_only),
        Private("unpresented result", _exact(UNPUBLISHED_DELIVERY), also=council_only),
        Private(
            "world.mayor's input on a draft",
            _exact(MAYORS_INPUT),
            owner=world.mayor_user,
            also=frozenset({SECRETARIAT}),
        ),
        # Surveys: a free-text answer is the secretariat's to read until it publishes it.
        Private(
            "an unpublished free-text answer", _exact(SURVEY_TEXT), also=frozenset({SECRETARIAT})
        ),
    ]
    return markers


# -- third-party URL sets --------------------------------------------------------------------

# Django REST framework's format-suffix patterns ("bodies.json") duplicate the API's own rows:
# each is visited with ".json" and must answer like the row it duplicates.
FORMAT_SUFFIX = "(?P<format>"

# django-allauth: every view, by name (or route, when unnamed). allauth knows no roles, so the
# answer is the same for every logged-in role: (path, anonymous, logged in, redirect prefix).
ALLAUTH: dict[str, tuple[str, int, int, str | None]] = {
    "account_login": ("/accounts/login/", 200, 302, "/konto/"),
    "account_logout": ("/accounts/logout/", 302, 200, "/"),
    "account_inactive": ("/accounts/inactive/", 200, 200, None),
    "account_signup": ("/accounts/signup/", 200, 302, "/konto/"),
    "account_reauthenticate": ("/accounts/reauthenticate/", 302, 200, "/accounts/login/"),
    "account_request_reauthentication_code": (
        "/accounts/reauthenticate/code/",
        302,
        302,
        None,
    ),
    "account_confirm_reauthentication_code": (
        "/accounts/reauthenticate/code/confirm/",
        302,
        302,
        None,
    ),
    "account_email": ("/accounts/email/", 302, 200, "/accounts/login/"),
    "account_email_verification_sent": ("/accounts/confirm-email/", 200, 200, None),
    "account_confirm_email": ("/accounts/confirm-email/not-a-key/", 200, 200, None),
    "account_change_password": ("/accounts/password/change/", 302, 200, "/accounts/login/"),
    "account_set_password": ("/accounts/password/set/", 302, 302, None),
    "account_reset_password": ("/accounts/password/reset/", 200, 200, None),
    "account_reset_password_done": ("/accounts/password/reset/done/", 200, 200, None),
    "account_reset_password_from_key": (
        "/accounts/password/reset/key/1-not-a-key/",
        200,
        200,
        None,
    ),
    "account_reset_password_from_key_done": (
        "/accounts/password/reset/key/done/",
        200,
        200,
        None,
    ),
    "account_confirm_login_code": ("/accounts/login/code/confirm/", 302, 302, None),
    "mfa_index": ("/accounts/2fa/", 302, 200, "/accounts/login/"),
    "mfa_authenticate": ("/accounts/2fa/authenticate/", 302, 302, None),
    "mfa_reauthenticate": ("/accounts/2fa/reauthenticate/", 302, 302, None),
    "mfa_activate_totp": ("/accounts/2fa/totp/activate/", 302, 302, None),
    "mfa_deactivate_totp": ("/accounts/2fa/totp/deactivate/", 302, 404, "/accounts/login/"),
    "mfa_view_recovery_codes": ("/accounts/2fa/recovery-codes/", 302, 404, "/accounts/login/"),
    "mfa_generate_recovery_codes": ("/accounts/2fa/recovery-codes/generate/", 302, 302, None),
    "mfa_download_recovery_codes": (
        "/accounts/2fa/recovery-codes/download/",
        302,
        404,
        "/accounts/login/",
    ),
    "socialaccount_login_cancelled": ("/accounts/3rdparty/login/cancelled/", 200, 200, None),
    "socialaccount_login_error": ("/accounts/3rdparty/login/error/", 401, 401, None),
    "socialaccount_signup": ("/accounts/3rdparty/signup/", 302, 302, "/accounts/login/"),
    "socialaccount_connections": ("/accounts/3rdparty/", 302, 200, "/accounts/login/"),
    "openid_connect_login": ("/accounts/oidc/no-such-provider/login/", 404, 404, None),
    "openid_connect_callback": (
        "/accounts/oidc/no-such-provider/login/callback/",
        404,
        404,
        None,
    ),
    # allauth's old addresses, kept as permanent redirects to the new ones
    "accounts/social/login/cancelled/": (
        "/accounts/social/login/cancelled/",
        301,
        301,
        "/accounts/3rdparty/login/cancelled/",
    ),
    "accounts/social/login/error/": (
        "/accounts/social/login/error/",
        301,
        301,
        "/accounts/3rdparty/login/error/",
    ),
    "accounts/social/signup/": ("/accounts/social/signup/", 301, 301, "/accounts/3rdparty/signup/"),
    "accounts/social/connections/": (
        "/accounts/social/connections/",
        301,
        301,
        "/accounts/3rdparty/",
    ),
}


def allauth_visits(key: str) -> list[Visit]:
    path, anonymous, logged_in_status, redirect = ALLAUTH[key]
    return [
        Visit(
            lambda w, path=path: path,
            logged_in(logged_in_status, anonymous=anonymous),
            redirect=redirect,
        )
    ]


# Django's admin is the secretariat's back office: everything under /admin/ sends everybody
# else to the admin's login (302), and the secretariat (staff, superuser) sees private data
# there. What the secretariat gets follows from the kind of admin page, with these exceptions:
ADMIN_EXCEPTIONS_FOR_SECRETARIAT = [
    (r"admin:login", 302),  # already logged in: on to the index
    (r"admin:logout", 405),  # logging out takes a POST
    (r"admin:autocomplete", 403),  # needs the field it completes
    (r"admin:auditlog_logentry_(add|delete)", 403),  # the audit trail is the system's own
    (r"admin:accounts_apitoken_add", 403),  # tokens are made by their owners on Min side
    (r"admin:organisation_membership_delete", 403),  # history is kept: memberships end
    # The task committee's process runs through its pages and services; the admin only shows.
    (r"admin:taskcommittees_\w+_(add|delete)", 403),
    # The task queue is the worker's own; email texts come from the apps and are only edited.
    (r"admin:django_tasks_database_dbtaskresult_(add|delete)", 403),
    (r"admin:core_emailtemplate_(add|delete)", 403),
]
ADMIN_EXCEPTIONS_FOR_OTHERS = {
    "admin:login": 200,  # the admin's own login form
    "admin:logout": 302,
}


def _admin_sample(model, world):
    """An object for the admin's change/history/delete pages (made when the world has none)."""
    obj = model._default_manager.order_by("pk").first()
    if obj is not None:
        return obj
    label = model._meta.label_lower
    user = world.plain_user
    if label.startswith("taskcommittees."):
        task_processes(world)
        return model._default_manager.order_by("pk").first()
    if label == "organisation.district":
        return model.objects.create(municipality=world.municipality, name="Nordby")
    if label == "organisation.party":
        return model.objects.create(letter="Å", name="Alternativet")
    if label == "django_tasks_database.dbtaskresult":
        from django.utils import timezone

        return model.objects.create(
            args_kwargs={"args": [], "kwargs": {}},
            task_path="samskab.core.email.send_email",
            backend_name="default",
            run_after=timezone.now(),
        )
    if label == "core.emailtemplate":
        return model.objects.create(key="tests.sample", language="da", subject="S", body="B")
    if label == "auth.group":
        return model.objects.create(name="Sekretariatet")
    if label == "accounts.apitoken":
        from samskab.accounts import services

        return services.create_token(world.mayor_user, name="Rapport")[0]
    if label == "account.emailaddress":
        return model.objects.create(user=user, email=user.email, primary=True, verified=True)
    if label == "mfa.authenticator":
        return model.objects.create(
            user=user, type="recovery_codes", data={"seed": "00" * 20, "used_mask": 0}
        )
    if label == "socialaccount.socialapp":
        return model.objects.create(provider="openid_connect", name="IdP", client_id="samskab")
    if label == "socialaccount.socialaccount":
        return model.objects.create(user=user, provider="openid_connect", uid="plain")
    if label == "socialaccount.socialtoken":
        app = _admin_sample(apps.get_model("socialaccount", "SocialApp"), world)
        account = _admin_sample(apps.get_model("socialaccount", "SocialAccount"), world)
        return model.objects.create(app=app, account=account, token="t0ken")
    raise LookupError(f"no sample object for the admin of {label}: add one to _admin_sample")


ADMIN_MODEL_ROUTE = re.compile(r"^admin/(?P<app>\w+)/(?P<model>\w+)/")


def admin_visits(route: str, name: str | None, world) -> list[Visit]:
    """The admin rule (see above) for one admin URL pattern."""
    others = ADMIN_EXCEPTIONS_FOR_OTHERS.get(name or "", 302)
    to_login = "/admin/login/?next={path}" if others == 302 and name != "admin:logout" else None
    secretariat = 200
    redirect: dict[str, str] = {}
    if name == "admin:login":
        redirect[SECRETARIAT] = "/admin/"
    if name == "admin:logout":
        to_login = "/admin/"
    if name == "admin:view_on_site":
        person = world.citizen
        from django.contrib.contenttypes.models import ContentType

        ct = ContentType.objects.get_for_model(person)
        path = f"/admin/r/{ct.pk}/{person.pk}/"
        secretariat, redirect[SECRETARIAT] = 302, person.get_absolute_url()
    elif name == "admin:app_list":
        path = "/admin/organisation/"
    elif name == "admin:auth_user_password_change":
        path = f"/admin/accounts/user/{world.plain_user.pk}/password/"
    elif route == "admin/(?P<url>.*)$":
        path = "/admin/no-such-page/"
        secretariat = 404
    elif match := ADMIN_MODEL_ROUTE.match(route):
        path = "/" + route
        if "<path:object_id>" in route:
            obj = _admin_sample(apps.get_model(match["app"], match["model"]), world)
            path = "/" + route.replace("<path:object_id>", str(obj.pk))
            if route.endswith("<path:object_id>/"):
                # the change page's short address redirects to it
                secretariat, redirect[SECRETARIAT] = 302, f"{path}change/"
    else:
        path = "/" + route
    for pattern, status in ADMIN_EXCEPTIONS_FOR_SECRETARIAT:
        if re.fullmatch(pattern, name or ""):
            secretariat = status
    expect = dict.fromkeys(ROLES, others)
    expect[SECRETARIAT] = secretariat
    if to_login:
        for role in ROLES[:-1]:
            redirect[role] = to_login
    return [
        Visit(
            lambda w, path=path: path,
            expect,
            redirect=redirect,
            private_ok=frozenset({SECRETARIAT}),
        )
    ]


# -- helpers for the test --------------------------------------------------------------------

ROWS_BY_NAME = {row.name: row for row in ROWS}


def request_kwargs(visit: Visit, world) -> dict:
    if visit.data is None:
        return {}
    data = visit.data(world)
    if visit.json:
        return {"data": json.dumps(data), "content_type": "application/json"}
    return {"data": data}
