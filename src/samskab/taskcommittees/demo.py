"""Demo: every task committee's life, run through the real services.

The 23 committees of 2015–18 went the whole way (closed); the current ones sit in every state
of the lifecycle, with versioned terms of reference, council members' input on a draft, a
delivery with decided recommendations and follow-up under way. Idempotent.
"""

import datetime as dt
from typing import cast

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from faker import Faker

from samskab.organisation.demo import (
    CITIZEN_EMAIL,
    COUNCIL_MEMBER_EMAIL,
    DEMO_PASSWORD,
    PROFESSIONS,
    SECRETARIAT_EMAIL,
    TASK_COMMITTEES_2015_18,
)
from samskab.organisation.models import (
    Body,
    BodyKind,
    District,
    Membership,
    Person,
    Role,
)

from . import demo_topics, services
from .lifecycle import PATH, PREPARING, State
from .models import AppointmentMethod, Decision, FollowUpStatus, TaskCommittee

D = dt.date

COMPETENCES = {
    "default": [
        "Borgere med lokalkendskab fra forskellige bydele",
        "Unge under 30 år",
        "Erfaring fra foreningsliv eller frivilligt arbejde",
        "Faglig viden om emnet",
        "Erhvervsliv og lokale virksomheder",
    ],
}

# Current committees that already exist as bodies (organisation demo): target states.
EXISTING_CURRENT = {
    "klimatilpasning": State.WORKING,
    "fremtidens-seniorliv": State.WORKING,
    "unges-trivsel": State.APPOINTED,
    "hellerup-havn": State.RESULT_PRESENTED,
    "fritidsliv-handicap": State.RECRUITING,
    "laering-i-udskolingen": State.DRAFT_AT_JOINT_MEETING,
}
# New committees proposed by the demo: (name, proposer slug, target state, months ago proposed)
NEW_CURRENT = [
    ("Digital borgerservice", "oekonomiudvalget", State.PROPOSED, 1),
    ("Lokale klimafællesskaber", "teknik-og-miljoe", State.DRAFTING, 3),
    ("Fremtidens idrætsfaciliteter", "kultur-unge-og-fritid", State.APPROVED, 6),
    ("Sundhed i nærmiljøet", "aeldre-social-sundhed", State.DELIVERED, 22),
    ("Grøn mobilitet", "teknik-og-miljoe", State.FOLLOWING_UP, 30),
    ("Kulturhus i Vangede", "kultur-unge-og-fritid", State.CANCELLED, 8),
    # Its call has closed; the appointment meeting is in progress (samskab.appointment.demo).
    ("Byens træer", "teknik-og-miljoe", State.RECRUITING, 5),
]


def already_loaded():
    return TaskCommittee.objects.exists()


class _Story:
    def __init__(self, secretariat, today):
        self.actor = secretariat
        self.today = today
        self.faker = Faker("da_DK")
        self.faker.seed_instance(2017)
        self.used_names = set(Person.objects.values_list("name", flat=True))
        self.districts = list(District.objects.all())
        self.council_people = {}

    def council_members(self, on):
        """Current council members on a day, by group, for drafters and appointments."""
        by_group: dict[object, list[Person]] = {}
        for m in (
            Membership.objects.current(on)
            .filter(body__kind=BodyKind.COUNCIL)
            .select_related("person", "group")
            .order_by("group__short_name", "person__name")
        ):
            by_group.setdefault(m.group, []).append(m.person)
        return by_group

    def drafters(self, on, offset):
        by_group = self.council_members(on)
        everyone = [p for people in by_group.values() for p in people]
        return [everyone[offset % len(everyone)], everyone[(offset + 7) % len(everyone)]]

    def citizen(self):
        while True:
            name = f"{self.faker.first_name()} {self.faker.last_name()}"
            if name not in self.used_names:
                self.used_names.add(name)
                break
        return Person.objects.create(
            name=name,
            title=self.faker.random_element(PROFESSIONS).capitalize(),
            birth_year=self.faker.random_int(1945, 2006),
            district=self.faker.random_element(self.districts),
            email=f"borger.{len(self.used_names)}@example.org",
        )

    def seat_members(self, task, on):
        """Appoint the members through the appointment service, as the council does: the
        demo only chooses whom each group names (samskab.appointment.demo)."""
        # The demo is the composition root: it may use the app that builds on this one.
        from samskab.appointment.demo import appoint

        appoint(
            self.actor,
            task,
            on,
            reference=f"KB {on:%d.%m.%Y}, pkt. {task.pk % 7 + 5}",
            citizen=self.citizen,
        )

    def terms(self, task, version_dates, receiving, start, end, drafts=1):
        """Save ``drafts`` versions of the terms of reference through the service."""
        name = task.body.name
        topic = demo_topics.topic(task.body.slug, name)
        data = {
            "title": f"Kommissorium for opgaveudvalget {name}",
            "background": task.rationale
            or f"Kommunalbestyrelsen ønsker at udvikle {topic} sammen med borgerne.",
            "purpose": f"At udvikle idéer og konkrete forslag om {topic} sammen med borgere, "
            "foreninger og virksomheder.",
            "assignment": demo_topics.task(task.body.slug),
            "deliverables": "En rapport med anbefalinger og et forslag til politik.",
            "start_date": start,
            "end_date": end,
            "expected_meetings": 6,
            "council_members": 5,
            "citizens": 10,
            "competences": "\n".join(COMPETENCES["default"]),
            "appointment_method": AppointmentMethod.DHONDT_AS_ONE,
            "working_form": "Udvalget mødes ca. hver anden måned og holder to åbne workshops.",
            "budget_ore": 25_000_000,
            "receiving_committee": receiving,
            "contact": "Sekretariatet, Borgmesterens Afdeling",
        }
        version = None
        for n in range(drafts):
            if n:
                data["assignment"] += (
                    " Der lægges særlig vægt på de unges perspektiv."
                    if n == 1
                    else " Udvalget samarbejder med skolerne."
                )
                data["expected_meetings"] = 6 + n
            version = services.save_terms(
                self.actor,
                task,
                dict(data),
                base_version=n,
                change_note="Første udkast" if n == 0 else f"Rettet efter input ({n})",
            )
            # Keep the demo's history truthful: the version is dated when it was written.
            type(version).objects.filter(pk=version.pk).update(
                created=timezone.make_aware(
                    dt.datetime.combine(version_dates[min(n, len(version_dates) - 1)], dt.time(10))
                )
            )
        return version

    def walk(
        self,
        task,
        target,
        dates,
        *,
        receiving,
        start,
        end,
        drafts=1,
        input_from=None,
        recommendations=3,
        decisions=None,
    ):
        """Take the committee along the path to ``target``, one service call per step."""
        steps = PATH[1 : PATH.index(target) + 1] if target != State.CANCELLED else PATH[1:3]
        actor = self.actor
        date_iter = iter(dates)
        for step in steps:
            on = next(date_iter)
            kwargs = {"date": on}
            if step == State.DRAFTING:
                kwargs["drafters"] = self.drafters(on, task.pk)
                kwargs["reference"] = f"KB {on:%d.%m.%Y}, pkt. {task.pk % 12 + 3}"
            if step == State.DRAFT_AT_JOINT_MEETING:
                self.terms(
                    task,
                    [on - dt.timedelta(days=20), on - dt.timedelta(days=5)],
                    receiving,
                    start,
                    end,
                    drafts,
                )
            if step == State.DRAFT_AT_JOINT_MEETING and input_from:
                for author, text in input_from:
                    services.add_input(author, task, text=text)
            if step == State.APPROVED:
                kwargs["reference"] = f"KB {on:%d.%m.%Y}, pkt. {task.pk % 9 + 4}"
            if step == State.APPOINTED:
                self.seat_members(task, on)
                kwargs["reference"] = f"KB {on:%d.%m.%Y}, pkt. {task.pk % 7 + 5}"
            if step == State.RESULT_PRESENTED:
                services.save_delivery(
                    actor,
                    task,
                    summary=f"Opgaveudvalget {task.body.name} har holdt seks møder og to "
                    f"workshops med i alt 140 deltagere. Resultatet er en række "
                    f"anbefalinger, som udvalget har drøftet på et fællesmøde.",
                )
                for text, _note in demo_topics.recommendations(task.body.slug)[:recommendations]:
                    services.add_recommendation(actor, task, text=text)
            if step == State.DELIVERED:
                kwargs["reference"] = f"KB {on:%d.%m.%Y}, pkt. {task.pk % 8 + 2}"
            if step == State.FOLLOWING_UP:
                for i, rec in enumerate(task.recommendations.order_by("number")):
                    decision = (
                        decisions
                        or [Decision.ADOPTED, Decision.ADOPTED_WITH_CHANGES, Decision.REJECTED]
                    )[i % 3]
                    services.decide(
                        actor,
                        rec,
                        decision=decision,
                        decided_on=on,
                        reason=""
                        if decision == Decision.ADOPTED
                        else "Kommunalbestyrelsen tilpassede anbefalingen til budgettet."
                        if decision == Decision.ADOPTED_WITH_CHANGES
                        else "Kommunalbestyrelsen prioriterer andre indsatser.",
                        reference=f"KB {on:%d.%m.%Y}, pkt. {task.pk % 8 + 2}",
                    )
            if step == State.CLOSED:
                notes = [n for _text, n in demo_topics.recommendations(task.body.slug)]
                items = services.FollowUpItem.objects.filter(recommendation__task=task)
                for item in items.order_by("recommendation__number"):
                    number = item.recommendation.number
                    services.update_follow_up(
                        actor,
                        item,
                        status=FollowUpStatus.DONE,
                        note=(notes[number - 1] if number <= len(notes) else "")
                        or "Gennemført og indarbejdet i driften.",
                    )
            task = services.transition(actor, task, step, **kwargs)
        if target == State.CANCELLED:
            services.transition(
                actor,
                task,
                State.CANCELLED,
                date=next(date_iter),
                note="Opgaven løses i stedet i det stående udvalg.",
            )
        return task


def _dates(start, gaps):
    out, day = [], start
    for gap in gaps:
        day = day + dt.timedelta(days=gap)
        out.append(day)
    return out


@transaction.atomic
def load(stdout=None):
    if already_loaded():
        return False
    today = timezone.localdate()
    User = get_user_model()
    secretariat = User.objects.get(email=SECRETARIAT_EMAIL)
    story = _Story(secretariat, today)

    # 1. The 23 task committees of 2015–18: the whole path, each closed.
    for slug, _name, parent_slug, start, end in TASK_COMMITTEES_2015_18:
        body = Body.objects.get(slug=slug)
        parent = Body.objects.get(slug=parent_slug)
        proposed = start - dt.timedelta(days=150)
        task = TaskCommittee.objects.create(
            body=body,
            proposed_on=proposed,
            state_changed_on=proposed,
            rationale=f"{parent.name} foreslår et opgaveudvalg om "
            f"{demo_topics.topic(slug, body.name)}.",
        )
        task.proposed_by.set([parent])
        task.state_changes.create(target=State.PROPOSED, date=proposed, actor=secretariat)
        # Appointed through the service on the committee's first day.
        dates = [
            proposed + dt.timedelta(days=14),
            proposed + dt.timedelta(days=60),
            proposed + dt.timedelta(days=90),
            proposed + dt.timedelta(days=100),
            start,
            start + dt.timedelta(days=7),
            end - dt.timedelta(days=30),
            end,
            end + dt.timedelta(days=30),
            end + dt.timedelta(days=400),
        ]
        _walk_seeded(story, task, dates, receiving=parent, start=start, end=end)

    # 2. Current committees already registered as bodies, each in its state.
    council_people = story.council_members(today)
    mayor = Person.objects.get(user__email=COUNCIL_MEMBER_EMAIL)
    # Two more council members with demo accounts give input on a draft.
    authors = []
    for group, people in council_people.items():
        if group.short_name in ("A", "Ø") and people and not people[0].user_id:
            email = f"kb.{'a' if group.short_name == 'A' else 'oe'}@example.org"
            people[0].user = User.objects.create_user(email, DEMO_PASSWORD)
            people[0].save(update_fields=["user"])
            authors.append(people[0])
    for slug, target in EXISTING_CURRENT.items():
        body = Body.objects.get(slug=slug)
        start = cast(dt.date, body.start_date)
        # Committees at work were appointed on their first day (if it has come).
        seated = PATH.index(target) >= PATH.index(State.APPOINTED) and start <= today
        before = min(start, today) - dt.timedelta(days=1)
        proposed = before - dt.timedelta(days=230)
        assert body.parent is not None
        task = TaskCommittee.objects.create(
            body=body,
            proposed_on=proposed,
            rationale=f"{body.parent.name} ønsker borgernes bud på "
            f"{demo_topics.topic(slug, body.name)}.",
            state_changed_on=proposed,
        )
        task.proposed_by.set([body.parent])
        task.state_changes.create(target=State.PROPOSED, date=proposed, actor=secretariat)
        dates = _dates(before - dt.timedelta(days=200), [10, 40, 30, 20])
        dates += [start, start] if seated else [before, before]
        dates += [today - dt.timedelta(days=10)] * 4
        input_from = None
        if target == State.DRAFT_AT_JOINT_MEETING:
            input_from = [
                (mayor.user, "Husk at inddrage erhvervsskolerne og ungdomsuddannelserne."),
            ] + [
                (p.user, text)
                for p, text in zip(
                    authors,
                    [
                        "Udvalget bør også se på overgangen til ungdomsuddannelse.",
                        "Sørg for, at elever med særlige behov er repræsenteret blandt borgerne.",
                    ],
                    strict=False,
                )
            ]
            dates = _dates(today - dt.timedelta(days=60), [5, 30])
        _walk_existing(
            story,
            task,
            target,
            dates,
            seated=seated,
            receiving=body.parent,
            start=start,
            end=body.end_date,
            input_from=input_from,
        )

    # 3. New committees proposed through the service, one per remaining state.
    for name, proposer_slug, target, months_ago in NEW_CURRENT:
        proposer = Body.objects.get(slug=proposer_slug)
        proposed = today - dt.timedelta(days=30 * months_ago)
        task = services.propose(
            secretariat,
            name=name,
            proposers=[proposer],
            rationale="",
            proposed_on=proposed,
        )
        task.rationale = (
            f"{proposer.name} foreslår et opgaveudvalg om "
            f"{demo_topics.topic(task.body.slug, name)}."
        )
        task.save(update_fields=["rationale"])
        span = (today - proposed).days
        # Spread the steps evenly between the proposal and a few days ago.
        steps = 11
        dates = [
            proposed + dt.timedelta(days=max(1, span * (i + 1) // (steps + 1)))
            for i in range(steps)
        ]
        if target == State.CANCELLED or target in PREPARING:
            # Not appointed yet: the terms plan a start some weeks ahead.
            start = today + dt.timedelta(days=60)
            end = start + dt.timedelta(days=300)
        else:
            start, end = dates[4], dates[7]
        story.walk(task, target, dates, receiving=proposer, start=start, end=end, drafts=2)
        if target == State.FOLLOWING_UP:
            # One recommendation done, one late (overdue), the rest not started.
            notes = [n for _text, n in demo_topics.recommendations(task.body.slug)]
            items = list(
                services.FollowUpItem.objects.filter(recommendation__task=task).order_by(
                    "recommendation__number"
                )
            )
            if items:
                services.update_follow_up(
                    secretariat,
                    items[0],
                    status=FollowUpStatus.DONE,
                    note=notes[0] or "Gennemført.",
                )
            if len(items) > 1:
                services.update_follow_up(
                    secretariat,
                    items[1],
                    status=FollowUpStatus.IN_PROGRESS,
                    due_date=today - dt.timedelta(days=20),
                    note=notes[1] or "Arbejdet er i gang.",
                )
    # The demo citizen: a citizen member of "Klimatilpasning", appointed above.
    citizen_membership = (
        Membership.objects.filter(
            body__slug="klimatilpasning", is_council_member=False, role=Role.MEMBER
        )
        .select_related("person")
        .order_by("id")
        .first()
    )
    assert citizen_membership is not None
    citizen = citizen_membership.person
    citizen.user = User.objects.create_user(CITIZEN_EMAIL, DEMO_PASSWORD)
    citizen.save(update_fields=["user"])
    if stdout:
        stdout.write(f"Task committees: {TaskCommittee.objects.count()} processes, in every state.")
    return True


def _walk_seeded(story, task, dates, *, receiving, start, end):
    story.walk(
        task,
        State.CLOSED,
        dates,
        receiving=receiving,
        start=start,
        end=end,
        decisions=[Decision.ADOPTED, Decision.ADOPTED, Decision.ADOPTED_WITH_CHANGES],
    )


def _walk_existing(story, task, target, dates, *, seated, receiving, start, end, input_from):
    story.walk(
        task,
        target,
        dates,
        receiving=receiving,
        start=start,
        end=end,
        drafts=3 if target == State.DRAFT_AT_JOINT_MEETING else 1,
        input_from=input_from,
        recommendations=2,
    )
