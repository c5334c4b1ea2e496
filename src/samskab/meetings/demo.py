"""Demo: Gentofte's meeting plan for a year, from six months ago to six months ahead.

- the council (Kommunalbestyrelsen) on the last Monday of the month, except July, 17.00;
- a joint meeting (fællesmøde) right after the council meeting five times a year, its agenda
  proposed from the task committees' life;
- the Finance Committee and the standing committees four times a year;
- each running task committee's own series, every other month;
- a workshop on rainwater with invited experts from DTU and HOFOR;
- minutes and attendance for the meetings already held.

Everything goes through the services, as the secretariat would do it. Idempotent.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from samskab.core.access import AccessLevel
from samskab.organisation.demo import SECRETARIAT_EMAIL
from samskab.organisation.models import Body, BodyKind
from samskab.taskcommittees.lifecycle import RUNNING
from samskab.taskcommittees.models import TaskCommittee

from . import services
from .models import Meeting, MeetingKind, MeetingStatus, Presence, Purpose

TOWN_HALL = "Gentofte Rådhus, Bernstorffsvej 161, 2820 Gentofte"
COUNCIL_HALL = f"Byrådssalen, {TOWN_HALL}"
# (slug, weekday in the series rule, room) for the quarterly committee meetings: each on a
# day of its own, so the rooms are never double-booked.
COMMITTEES = [
    ("oekonomiudvalget", "+2MO", f"Udvalgsværelse 1, {TOWN_HALL}"),
    ("teknik-og-miljoe", "+1TU", f"Udvalgsværelse 1, {TOWN_HALL}"),
    ("skoleudvalget", "+1WE", f"Udvalgsværelse 1, {TOWN_HALL}"),
    ("bygning-og-arkitektur", "+1TH", f"Udvalgsværelse 1, {TOWN_HALL}"),
    ("kultur-unge-og-fritid", "+2TU", f"Udvalgsværelse 2, {TOWN_HALL}"),
    ("erhverv-beskaeftigelse-integration", "+2WE", f"Udvalgsværelse 2, {TOWN_HALL}"),
    ("aeldre-social-sundhed", "+2TH", f"Udvalgsværelse 2, {TOWN_HALL}"),
]
TASK_ROOMS = [
    "Mødelokale Øst, Gentofte Rådhus",
    "Hellerup Bibliotek, Øregårds Allé 2, 2900 Hellerup",
    "Gentofte Hovedbibliotek, Ahlmanns Allé 6, 2900 Hellerup",
    "Vangede Bibliotek, Vangedevej 178, 2870 Dyssegård",
]
COUNCIL_ITEMS = [
    ("Godkendelse af dagsorden", Purpose.DECISION, False),
    ("Meddelelser fra borgmesteren", Purpose.ORIENTATION, False),
    ("Budgetopfølgning pr. kvartal", Purpose.DECISION, False),
    ("Forslag til lokalplan for Gentofte Hospital, område øst", Purpose.DECISION, False),
    ("Salg af kommunal ejendom – Ordrupvej", Purpose.DECISION, True),
]
COMMITTEE_ITEMS = [
    ("Godkendelse af dagsorden", Purpose.DECISION, False),
    ("Status på udvalgets opgaveudvalg", Purpose.ORIENTATION, False),
    ("Budgetopfølgning for udvalgets område", Purpose.DISCUSSION, False),
    ("Personsag", Purpose.DECISION, True),
]
TASK_ITEMS = [
    ("Velkomst og siden sidst", Purpose.ORIENTATION),
    ("Oplæg og drøftelse i grupper", Purpose.DISCUSSION),
    ("Næste skridt og arbejdsgrupper", Purpose.DECISION),
]
# Invited experts and citizens who registered (addresses that never reach anybody).
EXPERTS = [
    ("Karsten Arnbjerg-Nielsen, DTU Sustain", "karsten.an@example.org"),
    ("Louise Holm, HOFOR", "louise.holm@example.org"),
]
REGISTERED = [
    ("Mette Lund", "mette.lund@example.org"),
    ("Jens Ravn", "jens.ravn@example.org"),
    ("Aisha Karimi", "aisha.karimi@example.org"),
]
MINUTES = {
    Purpose.DECISION: "Godkendt.",
    Purpose.DISCUSSION: "Drøftet. Sekretariatet samler pointerne og sender dem ud med referatet.",
    Purpose.ORIENTATION: "Orienteringen blev taget til efterretning.",
}


def already_loaded():
    return Meeting.objects.exists()


def _month(day, months):
    index = day.month - 1 + months
    return dt.date(day.year + index // 12, index % 12 + 1, 1)


class _Plan:
    def __init__(self, actor, today):
        self.actor = actor
        self.today = today
        self.first = _month(today, -6)
        self.last = _month(today, 7) - dt.timedelta(days=1)

    def series(self, body, title, first_day, start, end, rule, place, **kwargs):
        _series, meetings = services.plan_series(
            self.actor,
            body=body,
            title=title,
            first_start=services.combine(first_day, start),
            first_end=services.combine(first_day, end),
            rule=rule,
            until=self.last,
            place=place,
            # A year of emails at once would drown the demo's console: invitations go out for
            # the next meetings only (below).
            invite=False,
            **kwargs,
        )
        return meetings

    def items(self, meeting, items):
        for title, purpose, *closed in items:
            services.add_item(
                self.actor,
                meeting,
                title=title,
                purpose=purpose,
                is_closed=bool(closed and closed[0]),
            )


def _first_weekday(start, weekday):
    """The first ``weekday`` (0 = Monday) on or after ``start``."""
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


def _hold(actor, meeting, now):
    """What the secretariat does after a meeting: minutes, approved, attendance, held."""
    if meeting.start > now:
        return
    for item in meeting.items.all():
        services.write_minutes(actor, item, text=MINUTES[item.purpose])
        services.approve_minutes(actor, item)
    people = list(services.expected_people(meeting))
    rows = [
        (person, Presence.ABSENT if n % 7 == 3 else Presence.PRESENT, None)
        for n, person in enumerate(people)
    ]
    if rows:
        services.record_attendance(actor, meeting, rows)
    services.mark_held(actor, meeting)


@transaction.atomic
def load(stdout=None):
    if already_loaded():
        return False
    User = get_user_model()
    actor = User.objects.get(email=SECRETARIAT_EMAIL)
    today = timezone.localdate()
    now = timezone.now()
    plan = _Plan(actor, today)
    council = Body.objects.filter(kind=BodyKind.COUNCIL).active(today).first()
    planned = []

    # 1. The council: last Monday of the month, 17.00–19.00, not in July.
    months = ",".join(str(m) for m in range(1, 13) if m != 7)
    council_meetings = plan.series(
        council,
        "Kommunalbestyrelsens møde",
        plan.first,
        dt.time(17),
        dt.time(19),
        f"FREQ=MONTHLY;BYDAY=-1MO;BYMONTH={months}",
        COUNCIL_HALL,
        access_level=AccessLevel.PUBLIC,
    )
    for meeting in council_meetings:
        plan.items(meeting, COUNCIL_ITEMS)
    planned += council_meetings

    # 2. Joint meetings right after five of them: February, April, June, September, November.
    for council_meeting in council_meetings:
        start = timezone.localtime(council_meeting.start)
        if start.month not in (2, 4, 6, 9, 11):
            continue
        joint = services.plan_meeting(
            actor,
            body=council,
            kind=MeetingKind.JOINT,
            title="Fællesmøde",
            start=services.combine(start.date(), dt.time(19, 15)),
            end=services.combine(start.date(), dt.time(21)),
            place=COUNCIL_HALL,
            description="De stående udvalg mødes med hele kommunalbestyrelsen. Opgaveudvalgene "
            "giver status, og udkast til kommissorier drøftes.",
            invite=False,
        )
        planned.append(joint)
    next_joint = (
        Meeting.objects.filter(kind=MeetingKind.JOINT, start__gt=now).order_by("start").first()
    )
    if next_joint is not None:
        services.invite_members(actor, next_joint)

    # 3. The Finance Committee and the standing committees, four times a year.
    quarter = _month(plan.first, (3 - plan.first.month % 3) % 3)
    for slug, weekday, room in COMMITTEES:
        body = Body.objects.filter(slug=slug).first()
        if body is None:
            continue
        meetings = plan.series(
            body,
            f"{body.name}s møde",
            quarter,
            dt.time(16),
            dt.time(18),
            f"FREQ=MONTHLY;INTERVAL=3;BYDAY={weekday}",
            room,
        )
        for meeting in meetings:
            plan.items(meeting, COMMITTEE_ITEMS)
        planned += meetings

    # 4. Each running task committee's own series: the third Tuesday every other month.
    running = (
        TaskCommittee.objects.filter(state__in=RUNNING)
        .select_related("body")
        .order_by("body__start_date", "body__name")
    )
    for n, task in enumerate(running):
        body = task.body
        begin = max(body.start_date or plan.first, plan.first)
        first_day = _first_weekday(begin.replace(day=15), 1)
        until = min(body.end_date or plan.last, plan.last)
        if first_day > until:
            continue
        _series, meetings = services.plan_series(
            actor,
            body=body,
            title=f"Opgaveudvalget {body.name}",
            first_start=services.combine(first_day, dt.time(17)),
            first_end=services.combine(first_day, dt.time(19, 30)),
            rule="FREQ=MONTHLY;INTERVAL=2;BYDAY=+3TU",
            until=until,
            place=TASK_ROOMS[n % len(TASK_ROOMS)],
            invite=False,
        )
        for meeting in meetings:
            plan.items(meeting, TASK_ITEMS)
        upcoming = [m for m in meetings if m.start > now]
        if upcoming:
            # The members are invited to their committee's next meeting.
            services.invite_members(actor, upcoming[0])
        planned += meetings

    # 5. An open workshop with invited experts, for the climate adaptation committee.
    climate = Body.objects.filter(slug="klimatilpasning").first()
    if climate is not None:
        day = _first_weekday(today + dt.timedelta(days=24), 5)
        workshop = services.plan_meeting(
            actor,
            body=climate,
            kind=MeetingKind.WORKSHOP,
            title="Workshop: Regnvand i byens rum",
            start=services.combine(day, dt.time(10)),
            end=services.combine(day, dt.time(14)),
            place="Gentofte Hovedbibliotek, Ahlmanns Allé 6, 2900 Hellerup",
            access_level=AccessLevel.PUBLIC,
            capacity=60,
            invite=False,
            description="Åben workshop for alle borgere. Oplæg ved inviterede eksperter fra DTU "
            "Sustain og HOFOR om skybrudssikring, regnbede og grønne tage. Bagefter arbejder vi i "
            "grupper med forslag til konkrete steder i Hellerup og Vangede.",
        )
        plan.items(
            workshop,
            [
                ("Oplæg: Skybrud og klimatilpasning i Gentofte", Purpose.ORIENTATION),
                ("Gruppearbejde: Hvor skal regnvandet hen?", Purpose.DISCUSSION),
                ("Opsamling og næste skridt", Purpose.ORIENTATION),
            ],
        )
        for name, address in EXPERTS:
            services.invite_guest(actor, workshop, name=name, email_address=address)
        for name, address in REGISTERED:
            services.register(workshop, name=name, email_address=address)
        planned.append(workshop)

    # 6. The meetings already held get their minutes, attendance and status.
    for meeting in sorted(planned, key=lambda m: m.start):
        meeting.refresh_from_db()
        if meeting.status == MeetingStatus.PLANNED:
            _hold(actor, meeting, now)

    if stdout:
        stdout.write(
            f"Meetings: {Meeting.objects.count()} in the year's plan, "
            f"{Meeting.objects.filter(status=MeetingStatus.HELD).count()} held with minutes."
        )
    return True
