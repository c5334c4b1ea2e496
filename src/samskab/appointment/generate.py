"""Decision records for ``samskab generate`` (the load data set).

Every generated task committee that has been appointed gets its decision record: the seats and
pick order from the same computation as the appointment service (``services.compute``), the
members from the same seat plan (``services.seat_plan``), and the memberships made from the
record, each with the group that named the member. One citizen in ten leaves half-way and the
same group names the replacement (a vacancy). Written with bulk_create, like the other
generate steps; the rules are the service's.
"""

import datetime as dt

from samskab.core.generate import Plan, bulk
from samskab.organisation.generate import world
from samskab.organisation.models import Membership, Role
from samskab.taskcommittees.lifecycle import PREPARING, State
from samskab.taskcommittees.models import TaskCommittee

from . import services
from .models import Appointment, Method, Pick, Status, Vacancy


def appointments(plan: Plan):
    rng = plan.rng
    generated = world(plan).task_committees
    tasks = {
        t.body_id: t
        for t in TaskCommittee.objects.filter(body__in=[c.body for c in generated]).select_related(
            "approved_version"
        )
    }
    records, seatings = [], []
    for body, term, start, last_day in generated:
        task = tasks.get(body.pk)
        if task is None or task.state in PREPARING or task.state == State.CANCELLED:
            continue
        terms = task.approved_version
        if terms is None:
            continue
        by_group: dict[str, list] = {}
        for person, group in world(plan).council_people[term.pk]:
            by_group.setdefault(group.short_name, []).append(person)
        groups = {g.short_name: g for g in world(plan).groups[term.pk]}
        sizes = sorted(((k, len(v)) for k, v in by_group.items()), key=lambda kv: (-kv[1], kv[0]))
        seed = f"generate {plan.seed} {body.slug}"
        order, ties = services.compute(
            Method.AS_ONE, terms.council_members, terms.citizens, sizes, seed
        )
        shuffled = {k: rng.sample(v, len(v)) for k, v in by_group.items()}
        seat_plan = services.seat_plan(order, terms.council_members, terms.citizens, shuffled)
        citizens = iter(rng.sample(world(plan).citizens, k=terms.citizens + 1))
        members = [m if m is not None else next(citizens) for m in seat_plan]
        council = [m for m, planned in zip(members, seat_plan, strict=True) if planned]
        records.append(
            Appointment(
                body=body,
                task=task,
                term=term,
                date=start,
                reference=f"KB {start:%d.%m.%Y}",
                method=Method.AS_ONE,
                council_seats=terms.council_members,
                citizen_seats=terms.citizens,
                require_pool=False,
                groups=[{"group": groups[n].pk, "name": n, "size": s} for n, s in sizes],
                seed=seed,
                order=order,
                ties=ties,
                status=Status.COMPLETED,
                chair=council[0],
                vice_chair=council[1],
                version=len(order) + 2,
            )
        )
        seatings.append((body, start, last_day, groups, order, seat_plan, members, next(citizens)))
    bulk(plan, "decision records", Appointment, records)

    memberships, picks = [], []
    for record, (body, start, last_day, groups, order, seat_plan, members, spare) in zip(
        records, seatings, strict=True
    ):
        end = last_day if last_day < plan.today else None
        roles = {record.chair_id: Role.CHAIR, record.vice_chair_id: Role.VICE_CHAIR}
        for number, (entry, planned, person) in enumerate(
            zip(order, seat_plan, members, strict=True), start=1
        ):
            group = groups[entry["group"]]
            membership = Membership(
                person=person,
                body=body,
                role=roles.get(person.pk, Role.MEMBER),
                start_date=start,
                end_date=end,
                group=group,
                is_council_member=planned is not None,
            )
            memberships.append(membership)
            picks.append(
                Pick(
                    appointment=record,
                    number=number,
                    seat_group=group,
                    named_by=group,
                    person=person,
                    name=person.name,
                    is_council_member=planned is not None,
                    membership=membership,
                )
            )
        record.spare = spare  # type: ignore[attr-defined]
    bulk(plan, "task committee memberships (appointed)", Membership, memberships)
    for pick in picks:
        pick.membership_id = pick.membership.pk  # type: ignore[union-attr]
    bulk(plan, "picks", Pick, picks)

    # Vacancies: one citizen in ten leaves half-way; the same group names the replacement.
    left, replacements, vacancies = [], [], []
    first_citizen: dict[int, Membership | None] = {}
    for pick in picks:
        if not pick.is_council_member:
            first_citizen.setdefault(id(pick.appointment), pick.membership)
    for record, (body, start, last_day, *_rest) in zip(records, seatings, strict=True):
        halfway = start + (last_day - start) // 2
        if halfway >= plan.today or rng.random() >= 0.3:
            continue
        leaving = first_citizen[id(record)]
        assert leaving is not None
        leaving.end_date = halfway - dt.timedelta(days=1)
        left.append(leaving)
        replacement = Membership(
            person=record.spare,  # type: ignore[attr-defined]
            body=body,
            start_date=halfway,
            end_date=last_day if last_day < plan.today else None,
            group=leaving.group,
            is_council_member=False,
        )
        replacements.append(replacement)
        vacancies.append((body, leaving, replacement, halfway))
    Membership.objects.bulk_update(left, ["end_date"], batch_size=1000)
    bulk(plan, "task committee memberships (replacements)", Membership, replacements)
    bulk(
        plan,
        "vacancies",
        Vacancy,
        [
            Vacancy(
                body=body,
                left=leaving,
                group=leaving.group,
                replacement=replacement,
                date=halfway,
                reference=f"KB {halfway:%d.%m.%Y}",
            )
            for body, leaving, replacement, halfway in vacancies
        ],
    )
