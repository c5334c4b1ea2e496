"""Task committee processes for ``samskab generate`` (the load data set).

Each generated task committee gets its life so far: proposal, state changes along the path,
two versions of its terms of reference (the second approved), council members' input on the
draft, and — for those that have delivered — recommendations, decisions and follow-up items.
Everything is written with bulk_create; nothing here goes through the services (which check
one committee at a time), but the states and dates follow the lifecycle table.
"""

import datetime as dt

from samskab.core.generate import Plan, bulk
from samskab.organisation.generate import world

from .lifecycle import COMPLETED, PATH, State
from .models import (
    FOLLOWED_UP,
    AppointmentMethod,
    Decision,
    FollowUpItem,
    FollowUpStatus,
    Input,
    Recommendation,
    StateChange,
    TaskCommittee,
    TermsVersion,
)


def _state(start, end, today):
    if end < today - dt.timedelta(days=400):
        return State.CLOSED
    if end < today:
        return State.FOLLOWING_UP
    if start <= today:
        return State.WORKING
    return State.RECRUITING


def _dates(start, end, state):
    """A date for every step of the path up to ``state``."""
    proposed = start - dt.timedelta(days=150)
    plan = {
        State.PROPOSED: proposed,
        State.DRAFTING: proposed + dt.timedelta(days=14),
        State.DRAFT_AT_JOINT_MEETING: proposed + dt.timedelta(days=60),
        State.APPROVED: proposed + dt.timedelta(days=90),
        State.RECRUITING: proposed + dt.timedelta(days=100),
        State.APPOINTED: start,
        State.WORKING: start,
        State.RESULT_PRESENTED: end - dt.timedelta(days=30),
        State.DELIVERED: end,
        State.FOLLOWING_UP: end + dt.timedelta(days=30),
        State.CLOSED: end + dt.timedelta(days=400),
    }
    return [(s, plan[s]) for s in PATH[: PATH.index(state) + 1]]


def _parent(body):
    # Every generated task committee sits under a standing committee.
    assert body.parent is not None
    return body.parent


def processes(plan: Plan):
    rng = plan.rng
    generated = world(plan).task_committees
    tasks = []
    for body, _term, start, end in generated:
        state = _state(start, end, plan.today)
        steps = _dates(start, end, state)
        tasks.append(
            TaskCommittee(
                body=body,
                state=state,
                proposed_on=steps[0][1],
                state_changed_on=steps[-1][1],
                rationale=f"{_parent(body).name} foreslår et opgaveudvalg om {body.name.lower()}.",
            )
        )
    bulk(plan, "task committee processes", TaskCommittee, tasks)

    proposers = TaskCommittee.proposed_by.through
    bulk(
        plan,
        "proposals",
        proposers,
        [
            proposers(taskcommittee_id=task.pk, body_id=body.parent_id)
            for task, (body, *_rest) in zip(tasks, generated, strict=True)
        ],
    )

    changes, versions = [], []
    for task, (body, _term, start, end) in zip(tasks, generated, strict=True):
        steps = _dates(start, end, task.state)
        previous = ""
        for state, day in steps:
            changes.append(
                StateChange(
                    task=task,
                    source=previous,
                    target=state,
                    date=day,
                    reference=f"KB {day:%d.%m.%Y}",
                )
            )
            previous = state
        for number in (1, 2):
            versions.append(
                TermsVersion(
                    task=task,
                    number=number,
                    title=f"Kommissorium for {body.name}",
                    background=f"Baggrund for {body.name.lower()}. " * (3 * number),
                    purpose="Udvikle forslag til en ny politik sammen med borgerne.",
                    assignment="Kortlægge behov, holde workshops og formulere anbefalinger."
                    * number,
                    deliverables="En rapport med anbefalinger.",
                    start_date=start,
                    end_date=end,
                    expected_meetings=6,
                    council_members=5,
                    citizens=10,
                    competences="Lokalkendskab\nUnge under 30\nErhvervsliv",
                    appointment_method=AppointmentMethod.DHONDT_AS_ONE,
                    budget_ore=20_000_000,
                    receiving_committee_id=body.parent_id,
                    change_note=f"Udkast {number}",
                )
            )
    bulk(plan, "state changes", StateChange, changes)
    bulk(plan, "terms of reference versions", TermsVersion, versions)
    for task, approved in zip(tasks, versions[1::2], strict=True):
        task.approved_version = approved
    TaskCommittee.objects.bulk_update(tasks, ["approved_version"], batch_size=1000)

    inputs = []
    for task, draft, (_body, term, _start, _end) in zip(
        tasks, versions[0::2], generated, strict=True
    ):
        council = world(plan).council_people.get(term.pk, [])
        for person, _group in rng.sample(council, min(2, len(council))):
            inputs.append(
                Input(
                    task=task,
                    version=draft,
                    author=person,
                    text="Husk at inddrage de unge og foreningerne.",
                )
            )
    bulk(plan, "input on drafts", Input, inputs)

    recommendations = []
    delivered = [t for t in tasks if t.state in COMPLETED]
    decisions = [Decision.ADOPTED, Decision.ADOPTED_WITH_CHANGES, Decision.REJECTED]
    for task in delivered:
        for number in (1, 2, 3):
            recommendations.append(
                Recommendation(
                    task=task,
                    number=number,
                    text=f"Anbefaling {number}.",
                    decision=decisions[number - 1],
                    decided_on=task.state_changed_on,
                    reason="" if number == 1 else "Tilpasset budgettet.",
                    reference="KB",
                )
            )
    bulk(plan, "recommendations", Recommendation, recommendations)
    items = []
    for rec in recommendations:
        if rec.decision not in FOLLOWED_UP:
            continue
        closed = rec.task.state == State.CLOSED
        items.append(
            FollowUpItem(
                recommendation=rec,
                owner=_parent(rec.task.body),
                status=FollowUpStatus.DONE if closed else rng.choice(list(FollowUpStatus.values)),
                due_date=rec.task.state_changed_on + dt.timedelta(days=365),
            )
        )
    bulk(plan, "follow-up items", FollowUpItem, items)
