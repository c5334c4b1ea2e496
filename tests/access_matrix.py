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


# -- recruitment: calls, applications, the pool ----------------------------------------------
# A committee ("tage") whose terms are approved, with an open call; world.applicant_record is a
# confirmed application with personal data (markers below), world.interest a confirmed entry
# of the register. The private links (tokens) are the key to an applicant's own data, so every
# role holding one sees it.

APPLICANT_EMAIL = "ansoeger.privat@example.net"
APPLICANT_PHONE = "+45 31 41 59 26"
APPLICANT_MOTIVATION = "Min motivation er fortrolig for offentligheden."
APPLICANT_NOTE = "Sekretariatets interne note om ansøgeren."
INTERESTED_EMAIL = "interesseret.privat@example.net"


def recruitment_world(world):
    if hasattr(world, "call"):
        return world
    from django.utils import timezone

    from samskab.organisation.models import Body, BodyKind
    from samskab.recruitment import tokens
    from samskab.recruitment.models import Application, Call, Channel, Interest
    from samskab.taskcommittees.lifecycle import State
    from samskab.taskcommittees.models import TaskCommittee, TermsVersion

    body = Body.objects.create(
        kind=BodyKind.TASK_COMMITTEE, name="Grønne tage", slug="tage", parent=world.standing
    )
    task = TaskCommittee.objects.create(body=body, state=State.RECRUITING)
    terms = TermsVersion.objects.create(
        task=task, number=1, title="Kommissorium for Grønne tage", competences="Arkitekter"
    )
    task.approved_version = terms
    task.save()
    now = timezone.now()
    world.call = Call.objects.create(
        task=task, terms=terms, slug="tage", code="abc234", deadline=now + dt.timedelta(days=9)
    )
    world.channel = Channel.objects.create(call=world.call, kind="website", date=world.today)
    world.applicant_record = Application.objects.create(
        call=world.call,
        email=APPLICANT_EMAIL,
        name="Anna Ansøger",
        phone=APPLICANT_PHONE,
        birth_year=1977,
        background="public",
        competences=["Arkitekter"],
        motivation=APPLICANT_MOTIVATION,
        note=APPLICANT_NOTE,
        consent_at=now,
        confirmed_at=now,
    )
    world.interest = Interest.objects.create(
        email=INTERESTED_EMAIL, name="Ivan Interesseret", consent_at=now, confirmed_at=now
    )
    world.private_token = tokens.make(tokens.PRIVATE, world.applicant_record)
    world.confirm_token = tokens.make(tokens.CONFIRM, world.applicant_record)
    world.interest_token = tokens.make(tokens.REGISTER, world.interest)
    # An approved committee without a call, for opening one.
    other = Body.objects.create(
        kind=BodyKind.TASK_COMMITTEE, name="Rent vand", slug="vand", parent=world.standing
    )
    waiting = TaskCommittee.objects.create(body=other, state=State.APPROVED)
    waiting.approved_version = TermsVersion.objects.create(task=waiting, number=1, title="Vand")
    waiting.save()
    return world


def _rc(path: Callable[[Any], str]) -> Callable[[Any], str]:
    return lambda w: path(recruitment_world(w))


BAD_TOKEN = "WzEsIngiXQ:1xX715:forged"
EVERYONE_HOLDS_THE_LINK = frozenset(ROLES)

ROWS += [
    Row("recruitment:calls", (Visit(_rc(lambda w: "/deltag/"), everyone(200)),)),
    Row(
        "recruitment:register",
        (
            Visit(_rc(lambda w: "/deltag/interesserede/"), everyone(200)),
            Visit(_rc(lambda w: "/deltag/interesserede/"), everyone(400), **POST_EMPTY),
        ),
    ),
    Row(
        "recruitment:interest",
        (
            Visit(
                _rc(lambda w: f"/deltag/interesserede/{w.interest_token}/"),
                everyone(200),
                private_ok=EVERYONE_HOLDS_THE_LINK,
                note="the emailed link is the key",
            ),
            Visit(_rc(lambda w: f"/deltag/interesserede/{BAD_TOKEN}/"), everyone(400)),
        ),
    ),
    Row(
        "recruitment:call",
        (
            Visit(_rc(lambda w: "/deltag/tage/"), everyone(200)),
            Visit(_rc(lambda w: "/deltag/findes-ikke/"), everyone(404)),
        ),
    ),
    Row(
        "recruitment:apply",
        (
            Visit(_rc(lambda w: "/deltag/tage/ansoeg/"), everyone(200)),
            Visit(_rc(lambda w: "/deltag/tage/ansoeg/"), everyone(400), **POST_EMPTY),
        ),
    ),
    Row("recruitment:sent", (Visit(_rc(lambda w: "/deltag/tage/tak/"), everyone(200)),)),
    Row("recruitment:qr", (Visit(_rc(lambda w: "/deltag/tage/qr.svg"), everyone(200)),)),
    Row(
        "recruitment:short",
        (
            Visit(_rc(lambda w: "/k/abc234/"), everyone(302), redirect="/deltag/tage/"),
            Visit(_rc(lambda w: "/k/ingen/"), everyone(404)),
        ),
    ),
    Row(
        "recruitment:confirm",
        (
            Visit(_rc(lambda w: f"/ansoegning/bekraeft/{w.confirm_token}/"), everyone(200)),
            Visit(_rc(lambda w: f"/ansoegning/bekraeft/{BAD_TOKEN}/"), everyone(400)),
        ),
    ),
    Row(
        "recruitment:application",
        (
            Visit(
                _rc(lambda w: f"/ansoegning/{w.private_token}/"),
                everyone(200),
                private_ok=EVERYONE_HOLDS_THE_LINK,
                note="the private link is the key to the applicant's own data",
            ),
            Visit(_rc(lambda w: f"/ansoegning/{BAD_TOKEN}/"), everyone(400)),
        ),
    ),
    Row(
        "recruitment:withdraw",
        (
            Visit(
                _rc(lambda w: f"/ansoegning/{BAD_TOKEN}/tilbagetraek/"), everyone(400), **POST_EMPTY
            ),
            Visit(_rc(lambda w: f"/ansoegning/{w.private_token}/tilbagetraek/"), everyone(405)),
        ),
    ),
    Row(
        "recruitment:data",
        (
            Visit(
                _rc(lambda w: f"/ansoegning/{w.private_token}/data/"),
                everyone(200),
                private_ok=EVERYONE_HOLDS_THE_LINK,
            ),
            Visit(_rc(lambda w: f"/ansoegning/{BAD_TOKEN}/data/"), everyone(400)),
        ),
    ),
    Row(
        "recruitment:erase",
        (
            Visit(_rc(lambda w: f"/ansoegning/{BAD_TOKEN}/slet/"), everyone(400), **POST_EMPTY),
            Visit(_rc(lambda w: f"/ansoegning/{w.private_token}/slet/"), everyone(405)),
        ),
    ),
    Row(
        "recruitment:manage",
        (Visit(_rc(lambda w: "/rekruttering/"), COUNCIL_AND_SECRETARIAT, redirect=TC_LOGIN),),
    ),
    Row(
        "recruitment:register_list",
        (
            Visit(
                _rc(lambda w: "/rekruttering/interesserede/"),
                MANAGE,
                redirect=TC_LOGIN,
                private_ok=frozenset({SECRETARIAT}),
            ),
        ),
    ),
    Row(
        "recruitment:open",
        (
            Visit(_rc(lambda w: "/rekruttering/aaben/vand/"), MANAGE, redirect=TC_LOGIN),
            Visit(_rc(lambda w: "/rekruttering/aaben/vand/"), _manage(400), **POST_EMPTY),
            Visit(_rc(lambda w: "/rekruttering/aaben/findes-ikke/"), everyone(404)),
        ),
    ),
    Row(
        "recruitment:overview",
        (
            Visit(_rc(lambda w: "/rekruttering/tage/"), COUNCIL_AND_SECRETARIAT),
            Visit(_rc(lambda w: "/rekruttering/findes-ikke/"), everyone(404)),
        ),
    ),
    Row(
        "recruitment:edit",
        (
            Visit(_rc(lambda w: "/rekruttering/tage/rediger/"), _manage(400), **POST_EMPTY),
            Visit(_rc(lambda w: "/rekruttering/tage/rediger/"), everyone(405)),
        ),
    ),
    Row(
        "recruitment:add_channel",
        (Visit(_rc(lambda w: "/rekruttering/tage/kanaler/"), _manage(400), **POST_EMPTY),),
    ),
    Row(
        "recruitment:remove_channel",
        (
            Visit(
                _rc(lambda w: f"/rekruttering/tage/kanaler/{w.channel.pk}/fjern/"),
                _manage(302),
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "recruitment:invite",
        (Visit(_rc(lambda w: "/rekruttering/tage/inviter/"), _manage(302), **POST_EMPTY),),
    ),
    Row(
        "recruitment:conclude",
        (
            Visit(_rc(lambda w: "/rekruttering/tage/udpegning/"), _manage(400), **POST_EMPTY),
            Visit(_rc(lambda w: "/rekruttering/tage/udpegning/"), everyone(405)),
        ),
    ),
    Row(
        "recruitment:pool",
        (
            Visit(
                _rc(lambda w: "/rekruttering/tage/ansoegere/?age=nonsense&q=x"),
                COUNCIL_AND_SECRETARIAT,
            ),
            Visit(_rc(lambda w: "/rekruttering/tage/ansoegere/"), COUNCIL_AND_SECRETARIAT),
        ),
    ),
    Row(
        "recruitment:pool_csv",
        (Visit(_rc(lambda w: "/rekruttering/tage/ansoegere.csv"), COUNCIL_AND_SECRETARIAT),),
    ),
    Row(
        "recruitment:applicant",
        (
            Visit(
                _rc(lambda w: f"/rekruttering/tage/ansoegere/{w.applicant_record.pk}/"),
                COUNCIL_AND_SECRETARIAT,
            ),
            Visit(
                _rc(lambda w: f"/rekruttering/tage/ansoegere/{w.applicant_record.pk}/"),
                _council(403) | {SECRETARIAT: 302},
                note="notes and the shortlist are the secretariat's",
                **POST_EMPTY,
            ),
            Visit(_rc(lambda w: "/rekruttering/tage/ansoegere/999999/"), _council(404)),
        ),
    ),
    Row(
        "recruitment:breadth",
        (Visit(_rc(lambda w: "/rekruttering/tage/bredde/"), COUNCIL_AND_SECRETARIAT),),
    ),
]


# -- recruitment in the API --------------------------------------------------------------------

COUNCIL_API = {**API_FORBIDDEN, COUNCIL: 200, SECRETARIAT: 200}


def _deadline(days: int) -> str:
    from django.utils import timezone

    return (timezone.now() + dt.timedelta(days=days)).isoformat()


APPLY_JSON = {
    "name": "Bo Borger",
    "email": "bo.api@example.net",
    "birth_year": 1980,
    "background": "private",
    "motivation": "Jeg vil gerne være med.",
    "consent": True,
}

ROWS += [
    Row(
        "call-list",
        (
            Visit(_rc(lambda w: "/api/v1/calls/?open=true"), everyone(200)),
            Visit(
                _rc(lambda w: "/api/v1/calls/"),
                {**API_FORBIDDEN, SECRETARIAT: 201},
                method="post",
                data=lambda w: {"task_committee": "vand", "deadline": _deadline(10)},
                json=True,
            ),
            Visit(_rc(lambda w: "/api/v1/calls/"), everyone(400), **_json({})),
        ),
        operations=("GET /api/v1/calls/", "POST /api/v1/calls/"),
    ),
    Row(
        "call-detail",
        (
            Visit(_rc(lambda w: "/api/v1/calls/tage/"), everyone(200)),
            Visit(_rc(lambda w: "/api/v1/calls/findes-ikke/"), everyone(404)),
            Visit(
                _rc(lambda w: "/api/v1/calls/tage/"),
                {**API_FORBIDDEN, SECRETARIAT: 200},
                method="patch",
                data=lambda w: {"intro": "Vi søger bredt."},
                json=True,
            ),
        ),
        operations=("GET /api/v1/calls/{slug}/", "PATCH /api/v1/calls/{slug}/"),
    ),
    Row(
        "call-channels",
        (
            Visit(_rc(lambda w: "/api/v1/calls/tage/channels/"), everyone(200)),
            Visit(
                _rc(lambda w: "/api/v1/calls/tage/channels/"),
                {**API_FORBIDDEN, SECRETARIAT: 201},
                method="post",
                data=lambda w: {"kind": "magazine", "date": w.today.isoformat()},
                json=True,
            ),
        ),
        operations=(
            "GET /api/v1/calls/{slug}/channels/",
            "POST /api/v1/calls/{slug}/channels/",
        ),
    ),
    Row(
        "call-applications",
        (
            Visit(_rc(lambda w: "/api/v1/calls/tage/applications/?age=30-49"), COUNCIL_API),
            Visit(
                _rc(lambda w: "/api/v1/calls/tage/applications/"),
                everyone(202),
                note="anyone may apply; the answer says nothing about earlier applications",
                **_json(APPLY_JSON),
            ),
            Visit(_rc(lambda w: "/api/v1/calls/tage/applications/"), everyone(400), **_json({})),
        ),
        operations=(
            "GET /api/v1/calls/{slug}/applications/",
            "POST /api/v1/calls/{slug}/applications/",
        ),
    ),
    Row(
        "call-application",
        (
            Visit(
                _rc(lambda w: f"/api/v1/calls/tage/applications/{w.applicant_record.pk}/"),
                COUNCIL_API,
            ),
            Visit(
                _rc(lambda w: f"/api/v1/calls/tage/applications/{w.applicant_record.pk}/"),
                {**API_FORBIDDEN, SECRETARIAT: 200},
                method="patch",
                data=lambda w: {"shortlisted": True},
                json=True,
            ),
            Visit(
                _rc(lambda w: "/api/v1/calls/tage/applications/999999/"),
                {**COUNCIL_API, COUNCIL: 404, SECRETARIAT: 404},
            ),
        ),
        operations=(
            "GET /api/v1/calls/{slug}/applications/{id}/",
            "PATCH /api/v1/calls/{slug}/applications/{id}/",
        ),
    ),
    Row(
        "call-statistics",
        (Visit(_rc(lambda w: "/api/v1/calls/tage/statistics/"), COUNCIL_API),),
        operations=("GET /api/v1/calls/{slug}/statistics/",),
    ),
    Row(
        "call-conclusion",
        (
            Visit(
                _rc(lambda w: "/api/v1/calls/tage/conclusion/"),
                {**API_FORBIDDEN, SECRETARIAT: 400},
                note="the call is still open",
                **_json({"appointed": []}),
            ),
        ),
        operations=("POST /api/v1/calls/{slug}/conclusion/",),
    ),
    Row(
        "call-invitations",
        (
            Visit(
                _rc(lambda w: "/api/v1/calls/tage/invitations/"),
                {**API_FORBIDDEN, SECRETARIAT: 200},
                **_json({}),
            ),
        ),
        operations=("POST /api/v1/calls/{slug}/invitations/",),
    ),
    Row(
        "application-private",
        (
            Visit(
                _rc(lambda w: f"/api/v1/applications/{w.private_token}/"),
                everyone(200),
                private_ok=EVERYONE_HOLDS_THE_LINK,
            ),
            Visit(_rc(lambda w: f"/api/v1/applications/{BAD_TOKEN}/"), everyone(400)),
            Visit(
                _rc(lambda w: f"/api/v1/applications/{w.private_token}/"),
                everyone(400),
                method="put",
                data=lambda w: {},
                json=True,
            ),
            Visit(
                _rc(lambda w: f"/api/v1/applications/{BAD_TOKEN}/"), everyone(400), method="delete"
            ),
        ),
        operations=(
            "GET /api/v1/applications/{token}/",
            "PUT /api/v1/applications/{token}/",
            "DELETE /api/v1/applications/{token}/",
        ),
    ),
    Row(
        "application-withdrawal",
        (
            Visit(
                _rc(lambda w: f"/api/v1/applications/{BAD_TOKEN}/withdrawal/"),
                everyone(400),
                **_json({}),
            ),
        ),
        operations=("POST /api/v1/applications/{token}/withdrawal/",),
    ),
    Row(
        "application-confirmation",
        (
            Visit(
                _rc(lambda w: f"/api/v1/application-confirmations/{BAD_TOKEN}/"),
                everyone(400),
                **_json({}),
            ),
        ),
        operations=("POST /api/v1/application-confirmations/{token}/",),
    ),
    Row(
        "interested-list",
        (Visit(_rc(lambda w: "/api/v1/interested/"), everyone(400), **_json({})),),
        operations=("POST /api/v1/interested/",),
    ),
    Row(
        "interested-token",
        (
            Visit(_rc(lambda w: f"/api/v1/interested/{BAD_TOKEN}/"), everyone(400), **_json({})),
            Visit(
                _rc(lambda w: f"/api/v1/interested/{BAD_TOKEN}/"), everyone(400), method="delete"
            ),
        ),
        operations=("POST /api/v1/interested/{token}/", "DELETE /api/v1/interested/{token}/"),
    ),
]


# -- meetings --------------------------------------------------------------------------------
# meeting_world: world.klima_meeting (the task committee's, members only, a closed item),
# world.open_meeting (the standing committee's, public, in the future), world.past_meeting
# (public, yesterday, an item without minutes) and world.joint_meeting (council members, an
# item concerning "klima", whose process is task_processes' WORKING one).

CLOSED_ITEM = "Lukket punkt: fortroligt grundkøb i Klimaparken"
GUEST_EMAIL = "eva.ekspert@private.example.org"


def meeting_world(world):
    if hasattr(world, "klima_meeting"):
        return world
    from django.utils import timezone

    from samskab.core.access import AccessLevel
    from samskab.meetings import services
    from samskab.meetings.models import MeetingKind

    task_processes(world)
    staff = world.secretariat_user
    now = timezone.now().replace(microsecond=0)

    def plan(body, title, start, **kwargs):
        return services.plan_meeting(
            staff, body=body, title=title, start=start, end=start + dt.timedelta(hours=2), **kwargs
        )

    world.klima_meeting = plan(world.task, "Klimamøde", now + dt.timedelta(days=5))
    services.add_item(staff, world.klima_meeting, title="Velkomst")
    services.add_item(staff, world.klima_meeting, title=CLOSED_ITEM, is_closed=True)
    world.open_meeting = plan(world.standing, "Udvalgsmøde", now + dt.timedelta(days=6))
    services.add_item(staff, world.open_meeting, title="Budget")
    world.past_meeting = plan(world.standing, "Sidste møde", now - dt.timedelta(days=1))
    services.add_item(staff, world.past_meeting, title="Referatpunkt")
    world.joint_meeting = plan(
        world.council,
        "Fællesmøde",
        now - dt.timedelta(hours=3),
        kind=MeetingKind.JOINT,
        access_level=AccessLevel.COUNCIL,
        propose_agenda=False,
    )
    services.add_item(staff, world.joint_meeting, title="Status", concerns=world.task)
    world.calendar_token, _record = services.create_calendar_token(world.citizen_user)
    world.open_meeting.capacity = 20
    world.open_meeting.save()
    world.guest = services.invite_guest(
        staff, world.klima_meeting, name="Eva Ekspert", email_address=GUEST_EMAIL
    )
    world.guest_token = services.response_token(world.guest)
    return world


def _mt(build: Callable[[Any], str]) -> Callable[[Any], str]:
    """A path built from the meeting world (made on first use)."""
    return lambda w: build(meeting_world(w))


MEMBERS_ONLY = {
    ANONYMOUS: 302,
    PLAIN: 404,
    OTHER: 404,
    MEMBER: 200,
    COUNCIL: 200,
    SECRETARIAT: 200,
}

ROWS += [
    Row(
        "meetings:list",
        (
            Visit(_mt(lambda w: "/moeder/"), everyone(200)),
            Visit(_mt(lambda w: "/moeder/?tidligere=1&organ=tm"), everyone(200)),
            Visit(_mt(lambda w: "/moeder/?organ=findes-ikke"), everyone(400)),
        ),
    ),
    Row(
        "meetings:month",
        (
            Visit(_mt(lambda w: "/moeder/kalender/"), everyone(200)),
            Visit(_mt(lambda w: "/moeder/kalender/?maaned=2026-13"), everyone(400)),
        ),
    ),
    Row(
        "meetings:plan",
        (
            Visit(_mt(lambda w: "/moeder/ny/"), MANAGE, redirect=TC_LOGIN),
            Visit(_mt(lambda w: "/moeder/ny/"), _manage(400), **POST_EMPTY),
        ),
    ),
    Row(
        "meetings:plan_series",
        (
            Visit(_mt(lambda w: "/moeder/serie/ny/"), MANAGE, redirect=TC_LOGIN),
            Visit(_mt(lambda w: "/moeder/serie/ny/"), _manage(400), **POST_EMPTY),
        ),
    ),
    Row(
        "meetings:detail",
        (
            Visit(_mt(lambda w: f"/moeder/{w.open_meeting.pk}/"), everyone(200)),
            Visit(
                _mt(lambda w: f"/moeder/{w.klima_meeting.pk}/"),
                MEMBERS_ONLY,
                redirect=TC_LOGIN,
                note="a task committee's meeting is its members' (and the secretariat's)",
            ),
            Visit(
                _mt(lambda w: f"/moeder/{w.joint_meeting.pk}/"),
                {**MEMBERS_ONLY, MEMBER: 404},
                note="a joint meeting is the council's",
            ),
            Visit(_mt(lambda w: "/moeder/999999/"), everyone(404)),
        ),
    ),
    Row(
        "meetings:ics",
        (
            Visit(_mt(lambda w: f"/moeder/{w.open_meeting.pk}/moede.ics"), everyone(200)),
            Visit(_mt(lambda w: f"/moeder/{w.klima_meeting.pk}/moede.ics"), MEMBERS_ONLY),
        ),
    ),
    Row(
        "meetings:edit",
        (
            Visit(_mt(lambda w: f"/moeder/{w.open_meeting.pk}/rediger/"), MANAGE),
            Visit(
                _mt(lambda w: f"/moeder/{w.open_meeting.pk}/rediger/"), _manage(400), **POST_EMPTY
            ),
        ),
    ),
    Row(
        "meetings:cancel",
        (
            Visit(_mt(lambda w: f"/moeder/{w.open_meeting.pk}/aflys/"), _manage(400), **POST_EMPTY),
            Visit(_mt(lambda w: f"/moeder/{w.open_meeting.pk}/aflys/"), everyone(405)),
        ),
    ),
    Row(
        "meetings:held",
        (
            Visit(
                _mt(lambda w: f"/moeder/{w.open_meeting.pk}/afholdt/"),
                _manage(302),
                note="not begun yet: refused with a message on the meeting page",
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "meetings:propose",
        (
            Visit(
                _mt(lambda w: f"/moeder/{w.joint_meeting.pk}/foreslaa/"),
                {**MANAGE, PLAIN: 404, OTHER: 404, MEMBER: 404, SECRETARIAT: 302},
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "meetings:attendance",
        (
            Visit(_mt(lambda w: f"/moeder/{w.past_meeting.pk}/fremmoede/"), MANAGE),
            Visit(
                _mt(lambda w: f"/moeder/{w.past_meeting.pk}/fremmoede/"),
                _manage(302),
                note="nothing chosen: nothing changes",
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "meetings:item_add",
        (
            Visit(_mt(lambda w: f"/moeder/{w.open_meeting.pk}/punkter/ny/"), MANAGE),
            Visit(
                _mt(lambda w: f"/moeder/{w.open_meeting.pk}/punkter/ny/"),
                _manage(400),
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "meetings:item_edit",
        (
            Visit(_mt(lambda w: f"/moeder/{w.open_meeting.pk}/punkter/1/"), MANAGE),
            Visit(
                _mt(lambda w: f"/moeder/{w.klima_meeting.pk}/punkter/2/"),
                {**MEMBERS_ONLY, MEMBER: 403, COUNCIL: 403},
                note="the closed item",
            ),
        ),
    ),
    Row(
        "meetings:item_move",
        (
            Visit(
                _mt(lambda w: f"/moeder/{w.open_meeting.pk}/punkter/1/flyt/"),
                _manage(400),
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "meetings:item_remove",
        (
            Visit(
                _mt(lambda w: f"/moeder/{w.open_meeting.pk}/punkter/1/slet/"),
                _manage(302),
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "meetings:minutes",
        (
            Visit(
                _mt(lambda w: f"/moeder/{w.past_meeting.pk}/punkter/1/referat/"),
                _manage(400),
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "meetings:approve",
        (
            Visit(
                _mt(lambda w: f"/moeder/{w.past_meeting.pk}/punkter/1/godkend/"),
                _manage(302),
                note="no minutes yet: refused with a message",
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "meetings:step",
        (
            Visit(
                _mt(lambda w: f"/moeder/{w.joint_meeting.pk}/punkter/1/trin/"),
                {**MANAGE, PLAIN: 404, OTHER: 404, MEMBER: 404, SECRETARIAT: 400},
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "meetings:invite",
        (
            Visit(
                _mt(lambda w: f"/moeder/{w.open_meeting.pk}/inviter/"), _manage(400), **POST_EMPTY
            ),
            Visit(_mt(lambda w: f"/moeder/{w.open_meeting.pk}/inviter/"), everyone(405)),
        ),
    ),
    Row(
        "meetings:register",
        (
            Visit(_mt(lambda w: f"/moeder/{w.open_meeting.pk}/tilmelding/"), everyone(200)),
            Visit(
                _mt(lambda w: f"/moeder/{w.open_meeting.pk}/tilmelding/"),
                everyone(400),
                **POST_EMPTY,
            ),
            Visit(
                _mt(lambda w: f"/moeder/{w.past_meeting.pk}/tilmelding/"),
                everyone(410),
                note="no places to register for: closed",
            ),
        ),
    ),
    Row(
        "meetings:respond",
        (
            Visit(
                _mt(lambda w: f"/moeder/svar/{w.guest_token}/"),
                everyone(200),
                note="the signed link is the key: a guest needs no account",
            ),
            Visit(
                _mt(lambda w: f"/moeder/svar/{w.guest_token}/"),
                everyone(200),
                method="post",
                data=lambda w: {"answer": "accept"},
            ),
            Visit(_mt(lambda w: "/moeder/svar/forfalsket:abc/"), everyone(400)),
        ),
    ),
    Row(
        "meetings:public_feed",
        (Visit(_mt(lambda w: "/kalender/offentlige-moeder.ics"), everyone(200)),),
    ),
    Row(
        "meetings:body_feed",
        (
            Visit(_mt(lambda w: "/kalender/udvalg/klima.ics"), everyone(200)),
            Visit(_mt(lambda w: "/kalender/udvalg/findes-ikke.ics"), everyone(404)),
        ),
    ),
    Row(
        "meetings:personal_feed",
        (
            Visit(
                _mt(lambda w: f"/kalender/personlig/{w.calendar_token}.ics"),
                everyone(200),
                private_ok=frozenset(ROLES),
                note="the secret address is the key: it shows its owner's calendar to its holder",
            ),
            Visit(_mt(lambda w: "/kalender/personlig/forfalsket.ics"), everyone(404)),
        ),
    ),
    Row(
        "meetings:my_calendar",
        (
            Visit(_mt(lambda w: "/konto/kalender/"), logged_in(200), redirect=LOGIN_REDIRECT),
            Visit(
                _mt(lambda w: "/konto/kalender/"),
                logged_in(200),
                method="post",
                data=lambda w: {"action": "new"},
                redirect=LOGIN_REDIRECT,
            ),
        ),
    ),
]


API_MEMBERS_ONLY = {**everyone(404), MEMBER: 200, COUNCIL: 200, SECRETARIAT: 200}
API_COUNCIL_MEETING = {**everyone(404), COUNCIL: 403}
NEXT_WEEK = {"start": "2031-03-04T17:00:00+01:00", "end": "2031-03-04T19:00:00+01:00"}


def _api(build: Callable[[Any], str]) -> Callable[[Any], str]:
    return _mt(lambda w: "/api/v1/meetings/" + build(w))


ROWS += [
    Row(
        "meeting-list",
        (
            Visit(_api(lambda w: "?body=tm&kind=standing_committee"), everyone(200)),
            Visit(
                _api(lambda w: ""),
                {**API_FORBIDDEN, SECRETARIAT: 201},
                **_json({"body": "tm", "title": "Ekstra møde", **NEXT_WEEK}),
            ),
            Visit(_api(lambda w: ""), everyone(400), **_json({})),
        ),
        operations=("GET /api/v1/meetings/", "POST /api/v1/meetings/"),
    ),
    Row(
        "meeting-detail",
        (
            Visit(_api(lambda w: f"{w.open_meeting.pk}/"), everyone(200)),
            Visit(_api(lambda w: f"{w.klima_meeting.pk}/"), API_MEMBERS_ONLY),
            Visit(
                _api(lambda w: f"{w.open_meeting.pk}/"),
                {**API_FORBIDDEN, SECRETARIAT: 200},
                method="patch",
                data=lambda w: {"title": "Nyt navn"},
                json=True,
            ),
        ),
        operations=("GET /api/v1/meetings/{id}/", "PATCH /api/v1/meetings/{id}/"),
    ),
    Row(
        "meeting-attendance",
        (
            Visit(_api(lambda w: f"{w.past_meeting.pk}/attendance/"), everyone(200)),
            Visit(
                _api(lambda w: f"{w.past_meeting.pk}/attendance/"),
                {**API_FORBIDDEN, SECRETARIAT: 200},
                method="put",
                data=lambda w: {"attendance": []},
                json=True,
            ),
        ),
        operations=(
            "GET /api/v1/meetings/{id}/attendance/",
            "PUT /api/v1/meetings/{id}/attendance/",
        ),
    ),
    Row(
        "meeting-cancel",
        (
            Visit(_api(lambda w: f"{w.open_meeting.pk}/cancel/"), everyone(400), **_json({})),
            Visit(
                _api(lambda w: f"{w.open_meeting.pk}/cancel/"),
                {**API_FORBIDDEN, SECRETARIAT: 200},
                **_json({"reason": "Formanden er syg."}),
            ),
        ),
        operations=("POST /api/v1/meetings/{id}/cancel/",),
    ),
    Row(
        "meeting-held",
        (
            Visit(
                _api(lambda w: f"{w.open_meeting.pk}/held/"),
                {**API_FORBIDDEN, SECRETARIAT: 400},
                note="not begun yet",
                **_json({}),
            ),
        ),
        operations=("POST /api/v1/meetings/{id}/held/",),
    ),
    Row(
        "meeting-items",
        (
            Visit(_api(lambda w: f"{w.klima_meeting.pk}/items/"), API_MEMBERS_ONLY),
            Visit(
                _api(lambda w: f"{w.open_meeting.pk}/items/"),
                {**API_FORBIDDEN, SECRETARIAT: 201},
                **_json({"title": "Eventuelt"}),
            ),
        ),
        operations=(
            "GET /api/v1/meetings/{id}/items/",
            "POST /api/v1/meetings/{id}/items/",
        ),
    ),
    Row(
        "meeting-item",
        (
            Visit(
                _api(lambda w: f"{w.open_meeting.pk}/items/1/"),
                {**API_FORBIDDEN, SECRETARIAT: 200},
                method="patch",
                data=lambda w: {"title": "Budget 2032"},
                json=True,
            ),
            Visit(
                _api(lambda w: f"{w.klima_meeting.pk}/items/2/"),
                {**API_MEMBERS_ONLY, MEMBER: 403, COUNCIL: 403, SECRETARIAT: 204},
                method="delete",
                note="the closed item: hidden from everybody else",
            ),
        ),
        operations=(
            "PATCH /api/v1/meetings/{id}/items/{number}/",
            "DELETE /api/v1/meetings/{id}/items/{number}/",
        ),
    ),
    Row(
        "meeting-minutes",
        (
            Visit(
                _api(lambda w: f"{w.past_meeting.pk}/items/1/minutes/"),
                {**API_FORBIDDEN, SECRETARIAT: 200},
                method="put",
                data=lambda w: {"minutes": "Udvalget tog orienteringen til efterretning."},
                json=True,
            ),
        ),
        operations=("PUT /api/v1/meetings/{id}/items/{number}/minutes/",),
    ),
    Row(
        "meeting-approval",
        (
            Visit(
                _api(lambda w: f"{w.past_meeting.pk}/items/1/minutes/approval/"),
                {**API_FORBIDDEN, SECRETARIAT: 400},
                note="no minutes written yet",
                **_json({}),
            ),
        ),
        operations=("POST /api/v1/meetings/{id}/items/{number}/minutes/approval/",),
    ),
    Row(
        "meeting-steps",
        (
            Visit(
                _api(lambda w: f"{w.joint_meeting.pk}/items/1/steps/"),
                {**API_COUNCIL_MEETING, SECRETARIAT: 400},
                note="WORKING cannot go to CLOSED: the lifecycle refuses",
                **_json({"target": "closed"}),
            ),
        ),
        operations=("POST /api/v1/meetings/{id}/items/{number}/steps/",),
    ),
    Row(
        "meeting-proposals",
        (
            Visit(
                _api(lambda w: f"{w.joint_meeting.pk}/proposals/"),
                {**API_COUNCIL_MEETING, SECRETARIAT: 200},
                **_json({}),
            ),
        ),
        operations=("POST /api/v1/meetings/{id}/proposals/",),
    ),
    Row(
        "meeting-invitations",
        (
            Visit(
                _api(lambda w: f"{w.open_meeting.pk}/invitations/"),
                API_FORBIDDEN | {SECRETARIAT: 200},
            ),
            Visit(
                _api(lambda w: f"{w.open_meeting.pk}/invitations/"),
                {**API_FORBIDDEN, SECRETARIAT: 201},
                **_json({"name": "Eva Ekspert", "email": "eva@example.org"}),
            ),
        ),
        operations=(
            "GET /api/v1/meetings/{id}/invitations/",
            "POST /api/v1/meetings/{id}/invitations/",
        ),
    ),
    Row(
        "meeting-registrations",
        (
            Visit(
                _api(lambda w: f"{w.open_meeting.pk}/registrations/"),
                {**everyone(400), ANONYMOUS: 201},
                note="anybody registers (first: anonymous); the same address again is refused",
                **_json({"name": "Anna", "email": "anna@example.org"}),
            ),
            Visit(
                _api(lambda w: f"{w.past_meeting.pk}/registrations/"),
                everyone(410),
                **_json({"name": "Anna", "email": "anna@example.org"}),
            ),
        ),
        operations=("POST /api/v1/meetings/{id}/registrations/",),
    ),
    Row(
        "invitation-answers",
        (
            Visit(
                _mt(lambda w: "/api/v1/invitation-answers/"),
                everyone(200),
                **_json({"token": "", "answer": "accept"})
                | {"data": lambda w: {"token": w.guest_token, "answer": "accept"}},
            ),
            Visit(
                _mt(lambda w: "/api/v1/invitation-answers/"),
                everyone(400),
                **_json({"token": "forfalsket:abc", "answer": "accept"}),
            ),
        ),
        operations=("POST /api/v1/invitation-answers/",),
    ),
    Row(
        "meeting-series",
        (
            Visit(_mt(lambda w: "/api/v1/meeting-series/"), everyone(400), **_json({})),
            Visit(
                _mt(lambda w: "/api/v1/meeting-series/"),
                {**API_FORBIDDEN, SECRETARIAT: 201},
                **_json(
                    {"body": "klima", "title": "Opgaveudvalget", "rule": "FREQ=MONTHLY;COUNT=3"}
                    | NEXT_WEEK
                ),
            ),
        ),
        operations=("POST /api/v1/meeting-series/",),
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

# -- library ---------------------------------------------------------------------------------
# library_world: world.public_doc (public, of "klima", topic "klimatilpasning"), world.members_doc
# (the task committee's members only, its title private: MEMBERS_DOC_TITLE), world.council_doc
# (council members) and world.doc_batch (an archive the secretariat uploaded).

MEMBERS_DOC_TITLE = "Fortroligt notat om grundkøb ved Klimaparken"


def library_world(world):
    if hasattr(world, "public_doc"):
        return world
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings

    from .library.files import docx_bytes

    def file(text):
        return SimpleUploadedFile("notat.docx", docx_bytes(text))

    # The files are there whatever limit a test sets for the requests it sends.
    with override_settings(UPLOAD_MAX_SIZE=25_000_000):
        _file_library_world(world, file)
    return world


def _file_library_world(world, file):
    from samskab.core.access import AccessLevel
    from samskab.library import services

    staff = world.secretariat_user
    world.public_doc = services.upload(
        staff,
        body=world.task,
        file=file("Skybrudsplan for Gentofte"),
        title="Skybrudsplan",
        access_level=AccessLevel.PUBLIC,
        tags="Klimatilpasning",
    )
    world.members_doc = services.upload(
        staff,
        body=world.task,
        file=file("Skybrud og grundkøb"),
        title=MEMBERS_DOC_TITLE,
        access_level=AccessLevel.BODY,
    )
    world.council_doc = services.upload(
        staff,
        body=world.task,
        file=file("Skybrud og økonomi"),
        title="Økonominotat",
        access_level=AccessLevel.COUNCIL,
    )
    world.doc_batch = services.bulk_upload(staff, body=world.task, files=[file("Arkiv")])


def _lib(build: Callable[[Any], str]) -> Callable[[Any], str]:
    return lambda w: build(library_world(w))


def _doc_metadata(w):
    from samskab.library.models import Document

    return {
        "version": Document.objects.get(pk=w.public_doc.pk).version,
        "title": "Skybrudsplan",
        "kind": "memo",
        "access_level": "public",
    }


# Anonymous visitors log in first; logged in without access: as if it did not exist.
DOC_MEMBERS = {**MEMBERS_ONLY}
DOC_COUNCIL = {**MEMBERS_ONLY, MEMBER: 404}
# Filing: the secretariat everywhere, members in their own bodies; nobody else.
DOC_FILERS = {ANONYMOUS: 302, PLAIN: 403, OTHER: 200, MEMBER: 200, COUNCIL: 200, SECRETARIAT: 200}
DOC_EDITORS = {ANONYMOUS: 302, PLAIN: 403, OTHER: 403, MEMBER: 200, COUNCIL: 200, SECRETARIAT: 200}
API_DOC_EDITORS = {**API_FORBIDDEN, MEMBER: 200, COUNCIL: 200, SECRETARIAT: 200}

ROWS += [
    Row(
        "library:search",
        (
            Visit(_lib(lambda w: "/soeg/?q=skybrud"), everyone(200)),
            Visit(_lib(lambda w: "/soeg/"), everyone(200)),
            Visit(_lib(lambda w: "/soeg/?q=skybrud&organ=findes-ikke"), everyone(400)),
            Visit(_lib(lambda w: "/soeg/?q=skybrud&year=x"), everyone(400)),
        ),
    ),
    Row(
        "library:list",
        (
            Visit(_lib(lambda w: "/dokumenter/?organ=klima&kind=other"), everyone(200)),
            Visit(_lib(lambda w: "/dokumenter/?organ=findes-ikke"), everyone(400)),
        ),
    ),
    Row(
        "library:upload",
        (
            Visit(_lib(lambda w: "/dokumenter/ny/"), DOC_FILERS, redirect=LOGIN_REDIRECT),
            Visit(
                _lib(lambda w: f"/dokumenter/ny/?moede={meeting_world(w).klima_meeting.pk}"),
                {**DOC_FILERS, PLAIN: 404, OTHER: 404},
                note="only for a meeting one may see",
            ),
            Visit(
                _lib(lambda w: "/dokumenter/ny/"),
                {**DOC_FILERS, OTHER: 400, MEMBER: 400, COUNCIL: 400, SECRETARIAT: 400},
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "library:bulk",
        (
            Visit(_lib(lambda w: "/dokumenter/arkiv/"), MANAGE, redirect=LOGIN_REDIRECT),
            Visit(_lib(lambda w: "/dokumenter/arkiv/"), _manage(400), **POST_EMPTY),
        ),
    ),
    Row(
        "library:batch",
        (
            Visit(_lib(lambda w: f"/dokumenter/arkiv/{w.doc_batch.pk}/"), MANAGE),
            Visit(_lib(lambda w: "/dokumenter/arkiv/999999/"), _manage(404)),
        ),
    ),
    Row(
        "library:detail",
        (
            Visit(_lib(lambda w: f"/dokumenter/{w.public_doc.pk}/"), everyone(200)),
            Visit(
                _lib(lambda w: f"/dokumenter/{w.members_doc.pk}/"),
                DOC_MEMBERS,
                redirect=LOGIN_REDIRECT,
            ),
            Visit(_lib(lambda w: f"/dokumenter/{w.council_doc.pk}/"), DOC_COUNCIL),
            Visit(_lib(lambda w: "/dokumenter/999999/"), everyone(404)),
        ),
    ),
    Row(
        "library:download",
        (
            Visit(_lib(lambda w: f"/dokumenter/{w.public_doc.pk}/hent/"), everyone(200)),
            Visit(_lib(lambda w: f"/dokumenter/{w.members_doc.pk}/hent/"), DOC_MEMBERS),
        ),
    ),
    Row(
        "library:download_version",
        (
            Visit(_lib(lambda w: f"/dokumenter/{w.public_doc.pk}/version/1/hent/"), everyone(200)),
            Visit(_lib(lambda w: f"/dokumenter/{w.public_doc.pk}/version/9/hent/"), everyone(404)),
            Visit(_lib(lambda w: f"/dokumenter/{w.council_doc.pk}/version/1/hent/"), DOC_COUNCIL),
        ),
    ),
    Row(
        "library:new_version",
        (
            Visit(
                _lib(lambda w: f"/dokumenter/{w.public_doc.pk}/ny-version/"),
                {**DOC_EDITORS, MEMBER: 400, COUNCIL: 400, SECRETARIAT: 400},
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "library:edit",
        (
            Visit(_lib(lambda w: f"/dokumenter/{w.public_doc.pk}/rediger/"), DOC_EDITORS),
            Visit(
                _lib(lambda w: f"/dokumenter/{w.public_doc.pk}/rediger/"),
                {**DOC_EDITORS, MEMBER: 400, COUNCIL: 400, SECRETARIAT: 400},
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "library:topic",
        (
            Visit(_lib(lambda w: "/emne/klimatilpasning/"), everyone(200)),
            Visit(_lib(lambda w: "/emne/findes-ikke/"), everyone(404)),
        ),
    ),
    Row(
        "document-list",
        (
            Visit(_lib(lambda w: "/api/v1/documents/?body=klima&kind=other"), everyone(200)),
            Visit(_lib(lambda w: "/api/v1/documents/"), everyone(400), **POST_EMPTY),
        ),
        operations=("GET /api/v1/documents/", "POST /api/v1/documents/"),
    ),
    Row(
        "document-detail",
        (
            Visit(_lib(lambda w: f"/api/v1/documents/{w.public_doc.pk}/"), everyone(200)),
            Visit(_lib(lambda w: f"/api/v1/documents/{w.members_doc.pk}/"), API_MEMBERS_ONLY),
            Visit(
                _lib(lambda w: f"/api/v1/documents/{w.public_doc.pk}/"),
                API_DOC_EDITORS,
                method="patch",
                data=_doc_metadata,
                json=True,
            ),
        ),
        operations=("GET /api/v1/documents/{id}/", "PATCH /api/v1/documents/{id}/"),
    ),
    Row(
        "document-download",
        (
            Visit(_lib(lambda w: f"/api/v1/documents/{w.public_doc.pk}/download/"), everyone(200)),
            Visit(
                _lib(lambda w: f"/api/v1/documents/{w.council_doc.pk}/download/"),
                {**API_MEMBERS_ONLY, MEMBER: 404},
            ),
        ),
        operations=("GET /api/v1/documents/{id}/download/",),
    ),
    Row(
        "document-download-version",
        (
            Visit(
                _lib(lambda w: f"/api/v1/documents/{w.public_doc.pk}/versions/1/download/"),
                everyone(200),
            ),
            Visit(
                _lib(lambda w: f"/api/v1/documents/{w.members_doc.pk}/versions/1/download/"),
                API_MEMBERS_ONLY,
            ),
        ),
        operations=("GET /api/v1/documents/{id}/versions/{number}/download/",),
    ),
    Row(
        "document-versions",
        (
            Visit(_lib(lambda w: f"/api/v1/documents/{w.public_doc.pk}/versions/"), everyone(200)),
            Visit(
                _lib(lambda w: f"/api/v1/documents/{w.public_doc.pk}/versions/"),
                everyone(400),
                **POST_EMPTY,
            ),
        ),
        operations=(
            "GET /api/v1/documents/{id}/versions/",
            "POST /api/v1/documents/{id}/versions/",
        ),
    ),
    Row(
        "search",
        (
            Visit(_lib(lambda w: "/api/v1/search/?q=skybrud"), everyone(200)),
            Visit(_lib(lambda w: "/api/v1/search/"), everyone(400)),
            Visit(_lib(lambda w: "/api/v1/search/?q=skybrud&body=findes-ikke"), everyone(400)),
        ),
        operations=("GET /api/v1/search/",),
    ),
]

# -- follows ---------------------------------------------------------------------------------
# follow_world: world.citizen_user follows the task committee (world.citizen_follow); her
# digest settings' token unsubscribes without login.


def follow_world(world):
    if hasattr(world, "citizen_follow"):
        return world
    from samskab.follows import services
    from samskab.follows.models import DigestSettings

    world.citizen_follow = services.follow(world.citizen_user, world.task)
    world.digest_token = DigestSettings.objects.get(user=world.citizen_user).token
    return world


def _fw(build: Callable[[Any], str]) -> Callable[[Any], str]:
    return lambda w: build(follow_world(w))


# Only the owner reaches her follow; she removes it (the roles after her find nothing).
OWN_FOLLOW = {ANONYMOUS: 302, PLAIN: 404, OTHER: 404, MEMBER: 302, COUNCIL: 404, SECRETARIAT: 404}

ROWS += [
    Row(
        "follows:mine",
        (
            Visit(_fw(lambda w: "/konto/foelger/"), logged_in(200), redirect=LOGIN_REDIRECT),
            Visit(_fw(lambda w: "/konto/foelger/"), logged_in(400), **POST_EMPTY),
        ),
    ),
    Row(
        "follows:follow",
        (
            Visit(_fw(lambda w: "/foelg/"), everyone(405)),
            Visit(_fw(lambda w: "/foelg/"), logged_in(400), **POST_EMPTY),
        ),
    ),
    Row(
        "follows:unfollow",
        (Visit(_fw(lambda w: f"/foelg/{w.citizen_follow.pk}/ophoer/"), OWN_FOLLOW, **POST_EMPTY),),
    ),
    Row(
        "follows:unsubscribe",
        (
            Visit(_fw(lambda w: f"/foelg/afmeld/{w.digest_token}/"), everyone(200)),
            Visit(_fw(lambda w: "/foelg/afmeld/ikke-et-token/"), everyone(404)),
        ),
    ),
    Row(
        "follow-list",
        (
            Visit(_fw(lambda w: "/api/v1/follows/"), {**everyone(200), ANONYMOUS: 403}),
            Visit(
                _fw(lambda w: "/api/v1/follows/"),
                {**everyone(201), ANONYMOUS: 403},
                **_json({"kind": "search", "query": "skybrud"}),
            ),
        ),
        operations=("GET /api/v1/follows/", "POST /api/v1/follows/"),
    ),
    Row(
        "follow-detail",
        (
            Visit(
                _fw(lambda w: f"/api/v1/follows/{w.citizen_follow.pk}/"),
                {**OWN_FOLLOW, ANONYMOUS: 403, MEMBER: 204},
                method="delete",
            ),
        ),
        operations=("DELETE /api/v1/follows/{id}/",),
    ),
]


# -- surveys: the pulse after a held meeting (the secretariat or the committee's chair) ----------
# world.held_meeting: a meeting of world.task, held yesterday; the mayor chairs world.task.


def pulse_world(world):
    """The survey world and a held meeting of the task committee (made once per world)."""
    if hasattr(world, "held_meeting"):
        return world
    from django.utils import timezone

    from samskab.meetings import services

    survey_world(world)
    start = timezone.now().replace(microsecond=0) - dt.timedelta(days=1)
    staff = world.secretariat_user
    meeting = services.plan_meeting(
        staff, body=world.task, title="Holdt møde", start=start, end=start + dt.timedelta(hours=2)
    )
    world.held_meeting = services.mark_held(staff, meeting)
    return world


def _pw(path: Callable[[Any], str]) -> Callable[[Any], str]:
    return lambda w: path(pulse_world(w))


CHAIR_AND_SECRETARIAT = {**MANAGE, COUNCIL: 200}

ROWS += [
    Row(
        "surveys:pulse",
        (
            Visit(
                _pw(lambda w: f"/evaluering/puls/moede/{w.held_meeting.pk}/"),
                CHAIR_AND_SECRETARIAT,
                redirect=TC_LOGIN,
                note="the mayor chairs the task committee",
            ),
            Visit(
                _pw(lambda w: f"/evaluering/puls/moede/{w.held_meeting.pk}/"),
                {**CHAIR_AND_SECRETARIAT, COUNCIL: 400, SECRETARIAT: 400},
                **POST_EMPTY,
            ),
            Visit(
                _pw(lambda w: f"/evaluering/puls/moede/{meeting_world(w).klima_meeting.pk}/"),
                {**CHAIR_AND_SECRETARIAT, COUNCIL: 400, SECRETARIAT: 400},
                note="not held yet",
            ),
        ),
    ),
    Row(
        "survey-round-pulse",
        (
            Visit(
                _pw(lambda w: "/api/v1/surveys/rounds/pulse/"),
                {**API_FORBIDDEN, COUNCIL: 201, SECRETARIAT: 400},
                note="the chair asks first; a meeting is asked about once",
                method="post",
                data=lambda w: {
                    "meeting": pulse_world(w).held_meeting.pk,
                    "question_set": w.survey_set.pk,
                    "closes_on": (w.today + dt.timedelta(days=7)).isoformat(),
                },
                json=True,
            ),
            Visit(
                _pw(lambda w: "/api/v1/surveys/rounds/pulse/"),
                {**everyone(400), ANONYMOUS: 403},
                note="a body that names no meeting is refused before anything is asked",
                **_json({}),
            ),
        ),
        operations=("POST /api/v1/surveys/rounds/pulse/",),
    ),
]


# -- appointment: the appointment meeting, the decision record, vacancies ------------------
# world.meeting_in_progress: a task committee's meeting with no pick yet (council members and
# the secretariat follow it); world.decision_record: a completed one (public).


def appointment_world(world):
    if hasattr(world, "meeting_in_progress"):
        return world
    from samskab.appointment import services
    from tests.appointment.helpers import appoint_without_pool, recruited_task

    task, _call, _pool = recruited_task(world, slug="skybrud")
    world.meeting_in_progress = services.start(
        world.secretariat_user, task, date=world.today, reference="KB 1", seed="matrix"
    )
    done, _call, _pool = recruited_task(
        world, slug="regn", applicants=0, council_members=2, citizens=3
    )
    world.decision_record = appoint_without_pool(world, done, world.today, take_step=True)
    return world


def _ap(path: Callable[[Any], str]) -> Callable[[Any], str]:
    return lambda w: path(appointment_world(w))


FOLLOWERS = {**everyone(404), COUNCIL: 200, SECRETARIAT: 200}
AP_LOGIN = {ANONYMOUS: "/accounts/login/?next={path}"}

ROWS += [
    Row(
        "appointment:meetings",
        (Visit(_ap(lambda w: "/udpegning/"), COUNCIL_AND_SECRETARIAT, redirect=AP_LOGIN),),
    ),
    Row(
        "appointment:start",
        (
            Visit(_ap(lambda w: "/udpegning/ny/"), _manage(400), **POST_EMPTY),
            Visit(_ap(lambda w: "/udpegning/ny/"), everyone(405)),
        ),
    ),
    Row(
        "appointment:meeting",
        (
            Visit(_ap(lambda w: w.meeting_in_progress.get_absolute_url()), FOLLOWERS),
            Visit(
                _ap(lambda w: w.decision_record.get_absolute_url()),
                everyone(200),
                note="a completed decision record is public, like the members it made",
            ),
        ),
    ),
    Row(
        "appointment:pick",
        (
            Visit(
                _ap(lambda w: f"{w.meeting_in_progress.get_absolute_url()}valg/"),
                {**FOLLOWERS, COUNCIL: 403, SECRETARIAT: 400},
                **POST_EMPTY,
            ),
            Visit(_ap(lambda w: f"{w.meeting_in_progress.get_absolute_url()}valg/"), everyone(405)),
        ),
    ),
    Row(
        "appointment:chairs",
        (
            Visit(
                _ap(lambda w: f"{w.meeting_in_progress.get_absolute_url()}formand/"),
                {**FOLLOWERS, COUNCIL: 403, SECRETARIAT: 302},
                **POST_EMPTY,
                redirect={SECRETARIAT: "/udpegning/"},
                note="no version: told that the meeting moved on, back on the meeting",
            ),
            Visit(
                _ap(lambda w: f"{w.meeting_in_progress.get_absolute_url()}formand/"),
                everyone(405),
            ),
        ),
    ),
    Row(
        "appointment:record_pdf",
        (
            Visit(
                _ap(lambda w: f"{w.decision_record.get_absolute_url()}beslutning.pdf"),
                everyone(PDF),
            ),
            Visit(
                _ap(lambda w: f"{w.meeting_in_progress.get_absolute_url()}beslutning.pdf"),
                everyone(404),
                note="no record before the meeting completes it",
            ),
        ),
    ),
    Row(
        "appointment:vacancies",
        (
            Visit(
                _ap(lambda w: "/udpegning/udvalg/regn/ledige-pladser/"), MANAGE, redirect=AP_LOGIN
            ),
        ),
    ),
    Row(
        "appointment:fill_vacancy",
        (
            Visit(
                _ap(lambda w: "/udpegning/udvalg/regn/ledige-pladser/besaet/"),
                _manage(400),
                **POST_EMPTY,
            ),
            Visit(_ap(lambda w: "/udpegning/udvalg/regn/ledige-pladser/besaet/"), everyone(405)),
        ),
    ),
    Row(
        "appointment-list",
        (
            Visit(_ap(lambda w: "/api/v1/appointments/"), everyone(200)),
            Visit(
                _ap(lambda w: "/api/v1/appointments/"),
                {**API_FORBIDDEN, SECRETARIAT: 400},
                **_json({}),
            ),
        ),
        operations=("GET /api/v1/appointments/", "POST /api/v1/appointments/"),
    ),
    Row(
        "appointment-detail",
        (
            Visit(_ap(lambda w: f"/api/v1/appointments/{w.meeting_in_progress.pk}/"), FOLLOWERS),
            Visit(_ap(lambda w: f"/api/v1/appointments/{w.decision_record.pk}/"), everyone(200)),
        ),
        operations=("GET /api/v1/appointments/{id}/",),
    ),
    Row(
        "appointment-picks",
        (
            Visit(
                _ap(lambda w: f"/api/v1/appointments/{w.meeting_in_progress.pk}/picks/"),
                {**FOLLOWERS, COUNCIL: 403, SECRETARIAT: 400},
                **_json({}),
            ),
        ),
        operations=("POST /api/v1/appointments/{id}/picks/",),
    ),
    Row(
        "appointment-chairs",
        (
            Visit(
                _ap(lambda w: f"/api/v1/appointments/{w.meeting_in_progress.pk}/chairs/"),
                {**FOLLOWERS, COUNCIL: 403, SECRETARIAT: 400},
                **_json({}),
            ),
        ),
        operations=("POST /api/v1/appointments/{id}/chairs/",),
    ),
    Row(
        "vacancies",
        (
            Visit(
                _ap(lambda w: "/api/v1/vacancies/"),
                {**API_FORBIDDEN, SECRETARIAT: 400},
                **_json({}),
            ),
        ),
        operations=("POST /api/v1/vacancies/",),
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
            # As a value on its own: not a part of a longer number, an id or a path, nor a
            # choice's id (ids grow across a PostgreSQL worker's tests, and a meeting's option
            # on the upload form was once number 1984).
            re.compile(rf'(?<![\w/#.:-])(?<!<option value="){citizen.birth_year}(?![\w/])'),
            owner=citizen.user,
        ),
    ]
    # Task committees: a draft, the input on it and an unpresented result (task_processes).
    council_only = frozenset({COUNCIL, SECRETARIAT})
    markers += [
        Private("a guest's email address", _exact(GUEST_EMAIL), also=frozenset({SECRETARIAT})),
        Private(
            "a closed agenda item",
            _exact(CLOSED_ITEM),
            also=frozenset({MEMBER, COUNCIL, SECRETARIAT}),
        ),
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
    # Recruitment: contact details and notes are the secretariat's; council members see the
    # motivation to name citizens; nobody else sees any of it.
    secretariat = frozenset({SECRETARIAT})
    markers += [
        Private("an applicant's email", _exact(APPLICANT_EMAIL), also=secretariat),
        Private("an applicant's phone", _exact(APPLICANT_PHONE), also=secretariat),
        Private("the secretariat's note", _exact(APPLICANT_NOTE), also=secretariat),
        Private("an applicant's motivation", _exact(APPLICANT_MOTIVATION), also=council_only),
        Private("an interested citizen's email", _exact(INTERESTED_EMAIL), also=secretariat),
    ]
    # Library: a members-only document's title shows only to the body's members.
    markers.append(
        Private(
            "a members-only document",
            _exact(MEMBERS_DOC_TITLE),
            also=frozenset({MEMBER, COUNCIL, SECRETARIAT}),
        )
    )
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
    # Meetings are planned through their pages (times, rooms, SEQUENCE); the admin only shows.
    (r"admin:meetings_\w+_(add|delete)", 403),
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
    if label.startswith("meetings."):
        meeting_world(world)
        if label == "meetings.series":
            return model.objects.create(body=world.task, title="Serie", rule="FREQ=WEEKLY")
        if label == "meetings.attendance":
            return model.objects.create(
                meeting=world.past_meeting, person=world.mayor, presence="present"
            )
        return model._default_manager.order_by("pk").first()
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
    if label == "recruitment.agegroup":
        return model.objects.create(municipality=world.municipality, min_age=0, population=1)
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


# -- the collaboration room (workspace) -------------------------------------------------------


def room_world(world):
    """The room of world.task ("Klimatilpasning", at work): a thread at each access level and
    an idea by its citizen member, a draft and a working group by the chair (world.mayor), and
    an expert invited to the working group by email (made once per world)."""
    if hasattr(world, "room_threads"):
        return world
    from samskab.core.access import AccessLevel
    from samskab.workspace import services

    task_processes(world)
    world.room_threads = {
        level: services.start_thread(
            world.citizen_user,
            world.task,
            title=f"Tråd {level}",
            text=f"Indlæg {level}",
            access_level=level,
            accept_code=True,
        )
        for level in (AccessLevel.BODY, AccessLevel.COUNCIL, AccessLevel.PUBLIC)
    }
    world.room_post = world.room_threads[AccessLevel.BODY].posts.get()
    world.room_public_post = world.room_threads[AccessLevel.PUBLIC].posts.get()
    world.room_idea = services.propose_idea(
        world.citizen_user, world.task, title="Regnbede", text="Regnbede ved skolerne."
    )
    world.room_draft = services.start_draft(
        world.mayor_user, world.task, title="Klimaskoler", text="Alle skoler får regnbede."
    )
    world.room_group = services.create_working_group(world.mayor_user, world.task, name="Skybrud")
    world.room_group_thread = services.start_thread(
        world.mayor_user, world.room_group, title="Data", text="Hvem har tal?", accept_code=True
    )
    invitation = services.invite(
        world.secretariat_user,
        world.room_group,
        name="Karen Hydrolog",
        email_address="karen.hydrolog@example.dk",
        expires_on=world.today + dt.timedelta(days=30),
    )
    world.room_token = services.guest_link(invitation).split("/")[3]
    return world


def _opt_out(world):
    """The link in world.former's follow-up emails from Klimatilpasning."""
    from samskab.workspace import tokens

    return tokens.make_opt_out(world.former, world.task)


def _rw(build: Callable[[Any], str]) -> Callable[[Any], str]:
    """A path built from the room world (made on first use)."""
    return lambda w: build(room_world(w))


# Who takes part in the room: its members and the secretariat; the chair (world.mayor, a
# council member) moderates. Anonymous visitors are asked to log in.
ROOM_PARTICIPANTS = {ANONYMOUS: 302, PLAIN: 403, OTHER: 403, MEMBER: 200, COUNCIL: 200}
ROOM_PARTICIPANTS[SECRETARIAT] = 200
ROOM_MODERATORS = {**ROOM_PARTICIPANTS, MEMBER: 403}
# Content at the body level: hidden (404) from those outside the body, login first.
ROOM_BODY = {ANONYMOUS: 302, PLAIN: 404, OTHER: 404, MEMBER: 200, COUNCIL: 200, SECRETARIAT: 200}
ROOM_LOGIN = {ANONYMOUS: "/accounts/login/?next={path}"}


def _with(base: dict[str, int], **changes: int) -> dict[str, int]:
    """``base`` with the statuses of the allowed roles replaced (keys: role constants)."""
    return {**base, **changes}


def _allowed(base: dict[str, int], status: int) -> dict[str, int]:
    return {role: status if code == 200 else code for role, code in base.items()}


ROOM_API_BODY = {ANONYMOUS: 404, PLAIN: 404, OTHER: 404, MEMBER: 200, COUNCIL: 200}
ROOM_API_BODY[SECRETARIAT] = 200
ROOM_API_WRITE = {ANONYMOUS: 403, PLAIN: 403, OTHER: 403, MEMBER: 201, COUNCIL: 201}
ROOM_API_WRITE[SECRETARIAT] = 201
ROOM_API_MODERATE = {**ROOM_API_WRITE, MEMBER: 403}


def _j(data):
    return {"method": "post", "data": lambda w: data, "json": True}


ROWS += [
    Row(
        "workspace:room",
        (
            Visit(_rw(lambda w: "/rum/klima/"), everyone(200)),
            Visit(_rw(lambda w: f"/rum/{w.room_group.slug}/"), everyone(200)),
            Visit(lambda w: "/rum/kb/", everyone(404), note="the council has no room"),
        ),
    ),
    Row(
        "workspace:thread_new",
        (
            Visit(_rw(lambda w: "/rum/klima/ny-traad/"), ROOM_PARTICIPANTS, redirect=ROOM_LOGIN),
            Visit(
                _rw(lambda w: "/rum/klima/ny-traad/"),
                _allowed(ROOM_PARTICIPANTS, 400),
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "workspace:idea_new",
        (
            Visit(_rw(lambda w: "/rum/klima/ny-ide/"), ROOM_PARTICIPANTS, redirect=ROOM_LOGIN),
            Visit(
                _rw(lambda w: "/rum/klima/ny-ide/"), _allowed(ROOM_PARTICIPANTS, 400), **POST_EMPTY
            ),
        ),
    ),
    Row(
        "workspace:draft_new",
        (
            Visit(_rw(lambda w: "/rum/klima/nyt-udkast/"), ROOM_MODERATORS, redirect=ROOM_LOGIN),
            Visit(
                _rw(lambda w: "/rum/klima/nyt-udkast/"),
                _allowed(ROOM_MODERATORS, 400),
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "workspace:working_group_new",
        (
            Visit(
                _rw(lambda w: "/rum/klima/ny-arbejdsgruppe/"), ROOM_MODERATORS, redirect=ROOM_LOGIN
            ),
            Visit(
                _rw(lambda w: "/rum/klima/ny-arbejdsgruppe/"),
                _allowed(ROOM_MODERATORS, 400),
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "workspace:invite",
        (
            Visit(_rw(lambda w: f"/rum/{w.room_group.slug}/inviter/"), ROOM_MODERATORS),
            Visit(
                _rw(lambda w: f"/rum/{w.room_group.slug}/inviter/"),
                _allowed(ROOM_MODERATORS, 400),
                **POST_EMPTY,
            ),
            Visit(
                _rw(lambda w: "/rum/klima/inviter/"),
                _allowed(ROOM_MODERATORS, 403),
                note="guests are invited to a working group, not to the committee's room",
            ),
        ),
    ),
    Row(
        "workspace:thread",
        (
            Visit(
                _rw(lambda w: w.room_threads["body"].get_absolute_url()),
                ROOM_BODY,
                redirect=ROOM_LOGIN,
            ),
            Visit(
                _rw(lambda w: w.room_threads["council"].get_absolute_url()),
                {**ROOM_BODY, MEMBER: 404},
                note="council threads: council members (the chair) and the secretariat",
            ),
            Visit(_rw(lambda w: w.room_threads["public"].get_absolute_url()), everyone(200)),
        ),
    ),
    Row(
        "workspace:reply",
        (
            Visit(
                _rw(lambda w: f"/rum/traade/{w.room_threads['body'].pk}/svar/"),
                _allowed(ROOM_BODY, 400),
                **POST_EMPTY,
            ),
            Visit(_rw(lambda w: f"/rum/traade/{w.room_threads['body'].pk}/svar/"), everyone(405)),
        ),
    ),
    Row(
        "workspace:post_edit",
        (
            Visit(
                _rw(lambda w: f"/rum/indlaeg/{w.room_post.pk}/rediger/"),
                {**ROOM_BODY, COUNCIL: 403, SECRETARIAT: 403},
                note="only the author (world.citizen) edits a post",
            ),
            Visit(
                _rw(lambda w: f"/rum/indlaeg/{w.room_post.pk}/rediger/"),
                {**ROOM_BODY, MEMBER: 400, COUNCIL: 403, SECRETARIAT: 403},
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "workspace:post_report",
        (
            Visit(_rw(lambda w: f"/rum/indlaeg/{w.room_post.pk}/anmeld/"), ROOM_BODY),
            Visit(
                _rw(lambda w: f"/rum/indlaeg/{w.room_post.pk}/anmeld/"),
                _allowed(ROOM_BODY, 400),
                **POST_EMPTY,
            ),
            Visit(
                _rw(lambda w: f"/rum/indlaeg/{w.room_public_post.pk}/anmeld/"),
                logged_in(200),
                note="anyone logged in who reads a post may report it",
            ),
        ),
    ),
    Row(
        "workspace:post_hide",
        (
            Visit(
                _rw(lambda w: f"/rum/indlaeg/{w.room_post.pk}/skjul/"), {**ROOM_BODY, MEMBER: 403}
            ),
            Visit(
                _rw(lambda w: f"/rum/indlaeg/{w.room_post.pk}/skjul/"),
                {**_allowed(ROOM_BODY, 400), MEMBER: 403},
                **POST_EMPTY,
            ),
        ),
    ),
    Row(
        "workspace:idea",
        (Visit(_rw(lambda w: w.room_idea.get_absolute_url()), ROOM_BODY, redirect=ROOM_LOGIN),),
    ),
    Row(
        "workspace:idea_comment",
        (
            Visit(
                _rw(lambda w: f"/rum/ideer/{w.room_idea.pk}/kommentar/"),
                _allowed(ROOM_BODY, 400),
                **POST_EMPTY,
            ),
            Visit(_rw(lambda w: f"/rum/ideer/{w.room_idea.pk}/kommentar/"), everyone(405)),
        ),
    ),
    Row(
        "workspace:idea_support",
        (
            Visit(
                _rw(lambda w: f"/rum/ideer/{w.room_idea.pk}/stoet/"),
                _allowed(ROOM_BODY, 302),
                redirect={**ROOM_LOGIN, MEMBER: "/rum/ideer/", COUNCIL: "/rum/ideer/"},
                **POST_EMPTY,
            ),
            Visit(_rw(lambda w: f"/rum/ideer/{w.room_idea.pk}/stoet/"), everyone(405)),
        ),
    ),
    Row(
        "workspace:draft",
        (Visit(_rw(lambda w: w.room_draft.get_absolute_url()), ROOM_BODY, redirect=ROOM_LOGIN),),
    ),
    Row(
        "workspace:paragraph_add",
        (
            Visit(
                _rw(lambda w: f"/rum/udkast/{w.room_draft.pk}/afsnit/"),
                _allowed(ROOM_BODY, 400),
                **POST_EMPTY,
            ),
            Visit(_rw(lambda w: f"/rum/udkast/{w.room_draft.pk}/afsnit/"), everyone(405)),
        ),
    ),
    Row(
        "workspace:paragraph_edit",
        (
            Visit(
                _rw(lambda w: f"/rum/udkast/{w.room_draft.pk}/afsnit/1/"),
                _allowed(ROOM_BODY, 400),
                **POST_EMPTY,
            ),
            Visit(_rw(lambda w: f"/rum/udkast/{w.room_draft.pk}/afsnit/1/"), everyone(405)),
        ),
    ),
    Row(
        "workspace:paragraph_comment",
        (
            Visit(
                _rw(lambda w: f"/rum/udkast/{w.room_draft.pk}/afsnit/1/kommentar/"),
                _allowed(ROOM_BODY, 400),
                **POST_EMPTY,
            ),
            Visit(
                _rw(lambda w: f"/rum/udkast/{w.room_draft.pk}/afsnit/1/kommentar/"),
                everyone(405),
            ),
        ),
    ),
    Row(
        "workspace:hand_over",
        (
            Visit(
                _rw(lambda w: f"/rum/udkast/{w.room_draft.pk}/anbefaling/"),
                {**ROOM_BODY, MEMBER: 403, COUNCIL: 403, SECRETARIAT: 302},
                redirect={**ROOM_LOGIN, SECRETARIAT: "/rum/udkast/"},
                note="the secretariat adds the draft to the committee's recommendations",
                **POST_EMPTY,
            ),
            Visit(_rw(lambda w: f"/rum/udkast/{w.room_draft.pk}/anbefaling/"), everyone(405)),
        ),
    ),
    Row(
        "workspace:guest",
        (
            Visit(_rw(lambda w: f"/rum/gaest/{w.room_token}/"), everyone(200)),
            Visit(lambda w: "/rum/gaest/forfalsket:link/", everyone(400)),
        ),
        note="the invited expert's link opens the working group to whoever holds it",
    ),
    Row(
        "workspace:guest_thread",
        (
            Visit(
                _rw(lambda w: f"/rum/gaest/{w.room_token}/traade/{w.room_group_thread.pk}/"),
                everyone(200),
            ),
            Visit(
                _rw(lambda w: f"/rum/gaest/{w.room_token}/traade/{w.room_group_thread.pk}/"),
                everyone(400),
                **POST_EMPTY,
            ),
            Visit(
                _rw(lambda w: f"/rum/gaest/{w.room_token}/traade/{w.room_threads['body'].pk}/"),
                everyone(404),
                note="only the working group's own threads",
            ),
        ),
    ),
    # -- the collaboration room in the API
    Row(
        "room-threads",
        (
            Visit(_rw(lambda w: "/api/v1/rooms/klima/threads/"), everyone(200)),
            Visit(
                _rw(lambda w: "/api/v1/rooms/klima/threads/"),
                ROOM_API_WRITE,
                **_j({"title": "Ny tråd", "text": "Hej", "accept_code_of_conduct": True}),
            ),
        ),
        operations=("GET /api/v1/rooms/{slug}/threads/", "POST /api/v1/rooms/{slug}/threads/"),
    ),
    Row(
        "thread-detail",
        (Visit(_rw(lambda w: f"/api/v1/threads/{w.room_threads['body'].pk}/"), ROOM_API_BODY),),
        operations=("GET /api/v1/threads/{id}/",),
    ),
    Row(
        "thread-posts",
        (
            Visit(
                _rw(lambda w: f"/api/v1/threads/{w.room_threads['body'].pk}/posts/"),
                _allowed(ROOM_API_BODY, 201),
                **_j({"text": "Svar", "accept_code_of_conduct": True}),
            ),
        ),
        operations=("POST /api/v1/threads/{id}/posts/",),
    ),
    Row(
        "post-detail",
        (
            Visit(
                _rw(lambda w: f"/api/v1/posts/{w.room_post.pk}/"),
                {**ROOM_API_BODY, COUNCIL: 403, SECRETARIAT: 403},
                method="patch",
                data=lambda w: {"text": "Rettet", "version": 1},
                json=True,
                note="only the author (world.citizen) edits a post",
            ),
        ),
        operations=("PATCH /api/v1/posts/{id}/",),
    ),
    Row(
        "post-reports",
        (
            Visit(
                _rw(lambda w: f"/api/v1/posts/{w.room_post.pk}/reports/"),
                _allowed(ROOM_API_BODY, 201),
                **_j({"reason": "Personangreb"}),
            ),
        ),
        operations=("POST /api/v1/posts/{id}/reports/",),
    ),
    Row(
        "post-hiding",
        (
            Visit(
                _rw(lambda w: f"/api/v1/posts/{w.room_post.pk}/hiding/"),
                {**ROOM_API_BODY, MEMBER: 403, SECRETARIAT: 400},
                note="the chair hides it first; to the secretariat it is then already hidden",
                **_j({"reason": "Strider mod adfærdskodeks"}),
            ),
        ),
        operations=("POST /api/v1/posts/{id}/hiding/",),
    ),
    Row(
        "room-ideas",
        (
            Visit(_rw(lambda w: "/api/v1/rooms/klima/ideas/"), everyone(200)),
            Visit(
                _rw(lambda w: "/api/v1/rooms/klima/ideas/"),
                ROOM_API_WRITE,
                **_j({"title": "Idé", "text": "Tekst"}),
            ),
        ),
        operations=("GET /api/v1/rooms/{slug}/ideas/", "POST /api/v1/rooms/{slug}/ideas/"),
    ),
    Row(
        "idea-detail",
        (Visit(_rw(lambda w: f"/api/v1/ideas/{w.room_idea.pk}/"), ROOM_API_BODY),),
        operations=("GET /api/v1/ideas/{id}/",),
    ),
    Row(
        "idea-support",
        (
            Visit(
                _rw(lambda w: f"/api/v1/ideas/{w.room_idea.pk}/support/"),
                _allowed(ROOM_API_BODY, 201),
                **_j({}),
            ),
        ),
        operations=("POST /api/v1/ideas/{id}/support/",),
    ),
    Row(
        "idea-comments",
        (
            Visit(
                _rw(lambda w: f"/api/v1/ideas/{w.room_idea.pk}/comments/"),
                _allowed(ROOM_API_BODY, 201),
                **_j({"text": "God idé"}),
            ),
        ),
        operations=("POST /api/v1/ideas/{id}/comments/",),
    ),
    Row(
        "room-drafts",
        (
            Visit(
                _rw(lambda w: "/api/v1/rooms/klima/drafts/"),
                ROOM_API_MODERATE,
                **_j({"title": "Udkast", "text": "Første afsnit"}),
            ),
        ),
        operations=("POST /api/v1/rooms/{slug}/drafts/",),
    ),
    Row(
        "draft-detail",
        (Visit(_rw(lambda w: f"/api/v1/drafts/{w.room_draft.pk}/"), ROOM_API_BODY),),
        operations=("GET /api/v1/drafts/{id}/",),
    ),
    Row(
        "draft-paragraphs",
        (
            Visit(
                _rw(lambda w: f"/api/v1/drafts/{w.room_draft.pk}/paragraphs/"),
                _allowed(ROOM_API_BODY, 201),
                **_j({"text": "Nyt afsnit"}),
            ),
        ),
        operations=("POST /api/v1/drafts/{id}/paragraphs/",),
    ),
    Row(
        "draft-paragraph",
        (
            Visit(
                _rw(lambda w: f"/api/v1/drafts/{w.room_draft.pk}/paragraphs/1/"),
                {**ROOM_API_BODY, COUNCIL: 409, SECRETARIAT: 409},
                method="put",
                data=lambda w: {"text": "Ny tekst", "base_version": 1},
                json=True,
                note="the member saves version 2 first; the next writers on version 1 get 409",
            ),
        ),
        operations=("PUT /api/v1/drafts/{id}/paragraphs/{number}/",),
    ),
    Row(
        "draft-paragraph-comments",
        (
            Visit(
                _rw(lambda w: f"/api/v1/drafts/{w.room_draft.pk}/paragraphs/1/comments/"),
                _allowed(ROOM_API_BODY, 201),
                **_j({"text": "Skal vi nævne skolerne?"}),
            ),
        ),
        operations=("POST /api/v1/drafts/{id}/paragraphs/{number}/comments/",),
    ),
    Row(
        "draft-recommendation",
        (
            Visit(
                _rw(lambda w: f"/api/v1/drafts/{w.room_draft.pk}/recommendation/"),
                {**ROOM_API_BODY, MEMBER: 403, COUNCIL: 403, SECRETARIAT: 201},
                **_j({}),
            ),
        ),
        operations=("POST /api/v1/drafts/{id}/recommendation/",),
    ),
    Row(
        "room-working-groups",
        (
            Visit(
                _rw(lambda w: "/api/v1/rooms/klima/working-groups/"),
                ROOM_API_MODERATE,
                **_j({"name": "Ny gruppe"}),
            ),
        ),
        operations=("POST /api/v1/rooms/{slug}/working-groups/",),
    ),
    Row(
        "room-invitations",
        (
            Visit(
                _rw(lambda w: f"/api/v1/rooms/{w.room_group.slug}/invitations/"),
                ROOM_API_MODERATE,
                method="post",
                data=lambda w: {
                    "name": "Ole Ekspert",
                    "email": "ole.ekspert@example.dk",
                    "expires_on": (w.today + dt.timedelta(days=10)).isoformat(),
                },
                json=True,
            ),
        ),
        operations=("POST /api/v1/rooms/{slug}/invitations/",),
    ),
    Row(
        "guest-threads",
        (
            Visit(_rw(lambda w: f"/api/v1/guest/{w.room_token}/"), everyone(200)),
            Visit(lambda w: "/api/v1/guest/forfalsket:link/", everyone(400)),
        ),
        operations=("GET /api/v1/guest/{token}/",),
    ),
    Row(
        "guest-thread",
        (
            Visit(
                _rw(lambda w: f"/api/v1/guest/{w.room_token}/threads/{w.room_group_thread.pk}/"),
                everyone(200),
            ),
        ),
        operations=("GET /api/v1/guest/{token}/threads/{id}/",),
    ),
    Row(
        "guest-posts",
        (
            Visit(
                _rw(
                    lambda w: (
                        f"/api/v1/guest/{w.room_token}/threads/{w.room_group_thread.pk}/posts/"
                    )
                ),
                everyone(201),
                **_j({"text": "Jeg har tal.", "accept_code_of_conduct": True}),
            ),
        ),
        operations=("POST /api/v1/guest/{token}/threads/{id}/posts/",),
    ),
    Row(
        "workspace:opt_out",
        (
            Visit(_rw(lambda w: f"/rum/opfoelgning/afmeld/{_opt_out(w)}/"), everyone(200)),
            Visit(
                _rw(lambda w: f"/rum/opfoelgning/afmeld/{_opt_out(w)}/"),
                everyone(200),
                **POST_EMPTY,
            ),
            Visit(lambda w: "/rum/opfoelgning/afmeld/1.2:forfalsket/", everyone(400)),
        ),
        note="the link in a follow-up email stops them for whoever holds it; no account needed",
    ),
    Row(
        "follow-up-news",
        (
            Visit(
                _rw(lambda w: f"/api/v1/follow-up-news/{_opt_out(w)}/"),
                everyone(204),
                method="delete",
            ),
            Visit(
                lambda w: "/api/v1/follow-up-news/1.2:forfalsket/", everyone(400), method="delete"
            ),
        ),
        operations=("DELETE /api/v1/follow-up-news/{token}/",),
    ),
]


def _stop_token(world):
    """The link in world.citizen_user's emails sent at once that stops them."""
    from samskab.follows.services import stop_immediate_token

    return stop_immediate_token(world.citizen_user)


# -- issue 16: the room's notifications through follows, attachments, named idea authors,
# guests who start threads and propose ideas --------------------------------------------------

ROWS += [
    Row(
        "workspace:idea_naming",
        (
            Visit(
                _rw(lambda w: f"/rum/ideer/{w.room_idea.pk}/navngivning/"),
                {**ROOM_BODY, MEMBER: 302, COUNCIL: 403, SECRETARIAT: 403},
                redirect={**ROOM_LOGIN, MEMBER: "/rum/ideer/"},
                note="only the idea's author (the citizen member) decides whether she is named",
                **POST_EMPTY,
            ),
            Visit(_rw(lambda w: f"/rum/ideer/{w.room_idea.pk}/navngivning/"), everyone(405)),
        ),
    ),
    Row(
        "workspace:guest_thread_new",
        (
            Visit(_rw(lambda w: f"/rum/gaest/{w.room_token}/ny-traad/"), everyone(200)),
            Visit(
                _rw(lambda w: f"/rum/gaest/{w.room_token}/ny-traad/"), everyone(400), **POST_EMPTY
            ),
            Visit(lambda w: "/rum/gaest/forfalsket:link/ny-traad/", everyone(400)),
        ),
        note="the signed link is the key: a guest needs no account",
    ),
    Row(
        "workspace:guest_idea_new",
        (
            Visit(_rw(lambda w: f"/rum/gaest/{w.room_token}/ny-ide/"), everyone(200)),
            Visit(_rw(lambda w: f"/rum/gaest/{w.room_token}/ny-ide/"), everyone(400), **POST_EMPTY),
            Visit(lambda w: "/rum/gaest/forfalsket:link/ny-ide/", everyone(400)),
        ),
        note="the signed link is the key: a guest needs no account",
    ),
    Row(
        "idea-naming",
        (
            Visit(
                _rw(lambda w: f"/api/v1/ideas/{w.room_idea.pk}/naming/"),
                {**ROOM_API_BODY, COUNCIL: 403, SECRETARIAT: 403},
                method="put",
                data=lambda w: {"name_publicly": True},
                json=True,
            ),
        ),
        operations=("PUT /api/v1/ideas/{id}/naming/",),
    ),
    Row(
        "guest-thread-create",
        (
            Visit(
                _rw(lambda w: f"/api/v1/guest/{w.room_token}/threads/"),
                everyone(201),
                **_j({"title": "Målinger", "text": "Mine tal.", "accept_code_of_conduct": True}),
            ),
            Visit(lambda w: "/api/v1/guest/forfalsket:link/threads/", everyone(400), **_j({})),
        ),
        operations=("POST /api/v1/guest/{token}/threads/",),
    ),
    Row(
        "guest-ideas",
        (
            Visit(_rw(lambda w: f"/api/v1/guest/{w.room_token}/ideas/"), everyone(200)),
            Visit(
                _rw(lambda w: f"/api/v1/guest/{w.room_token}/ideas/"),
                everyone(201),
                **_j({"title": "Flere målere", "text": "Regnmålere ved skolerne."}),
            ),
        ),
        operations=("GET /api/v1/guest/{token}/ideas/", "POST /api/v1/guest/{token}/ideas/"),
    ),
    Row(
        "follows:stop_immediate",
        (
            Visit(lambda w: f"/foelg/straks/afmeld/{_stop_token(w)}/", everyone(200)),
            Visit(lambda w: f"/foelg/straks/afmeld/{_stop_token(w)}/", everyone(200), **POST_EMPTY),
            Visit(lambda w: "/foelg/straks/afmeld/1:forfalsket/", everyone(404)),
        ),
        note="the signed link in every email sent at once stops them; no login needed",
    ),
    Row(
        "digest-settings",
        (
            Visit(lambda w: "/api/v1/digest-settings/", {**everyone(200), ANONYMOUS: 403}),
            Visit(
                lambda w: "/api/v1/digest-settings/",
                {**everyone(200), ANONYMOUS: 403},
                method="put",
                data=lambda w: {"frequency": "daily", "immediate": False},
                json=True,
            ),
        ),
        operations=("GET /api/v1/digest-settings/", "PUT /api/v1/digest-settings/"),
    ),
]


# -- portal (issue 14): search by a task committee's state; documents filed with its terms of
# reference or its result. New query strings on existing pages: their visits join the rows.
# "klima" has approved terms and an unpublished result, "senior" only a draft (task_processes).

# The query string is quoted in ``next``: the prefix is what is checked.
UPLOAD_LOGIN = {ANONYMOUS: "/accounts/login/?next=/dokumenter/ny/"}
DRAFT_OR_RESULT_FILERS = {
    ANONYMOUS: 302,
    PLAIN: 404,
    OTHER: 404,
    MEMBER: 404,
    COUNCIL: 200,
    SECRETARIAT: 200,
}


def _add_visits(name: str, *visits: Visit) -> None:
    from dataclasses import replace

    index = next(i for i, row in enumerate(ROWS) if row.name == name)
    ROWS[index] = replace(ROWS[index], visits=ROWS[index].visits + visits)


_add_visits(
    "library:search",
    Visit(_lib(lambda w: "/soeg/?q=skybrud&state=working"), everyone(200)),
    Visit(_lib(lambda w: "/soeg/?q=skybrud&state=sovende"), everyone(400)),
)
_add_visits(
    "library:list",
    Visit(_lib(lambda w: "/dokumenter/?state=working"), everyone(200)),
)
_add_visits(
    "library:upload",
    Visit(_tc("/dokumenter/ny/?kommissorium=klima"), DOC_FILERS, redirect=UPLOAD_LOGIN),
    Visit(
        _tc("/dokumenter/ny/?kommissorium=senior"),
        DRAFT_OR_RESULT_FILERS,
        redirect=UPLOAD_LOGIN,
        note="a draft of the terms: the council's and the secretariat's",
    ),
    Visit(
        _tc("/dokumenter/ny/?resultat=klima"),
        DRAFT_OR_RESULT_FILERS,
        redirect=UPLOAD_LOGIN,
        note="a result not yet presented: the council's and the secretariat's",
    ),
)

# -- helpers for the test --------------------------------------------------------------------

ROWS_BY_NAME = {row.name: row for row in ROWS}


def request_kwargs(visit: Visit, world) -> dict:
    if visit.data is None:
        return {}
    data = visit.data(world)
    if visit.json:
        return {"data": json.dumps(data), "content_type": "application/json"}
    return {"data": data}
