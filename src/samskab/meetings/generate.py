"""Meetings for ``samskab generate``: 8,000 at scale 1, over the twenty years of the data set.

Councils meet monthly (not in July) with five joint meetings a year after them; standing
committees four times a year; each task committee six times over its life; the rest are
workshops and working-group meetings of task committees. Each meeting has three agenda items
(one closed in committees); past meetings are held with approved minutes. Written with
bulk_create (no services: they check one meeting at a time), deterministic for a seed.
"""

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from samskab.core.access import AccessLevel
from samskab.core.generate import Plan, bulk
from samskab.organisation.generate import world

from .models import AgendaItem, Meeting, MeetingKind, MeetingStatus, Purpose

LOCAL = ZoneInfo(settings.TIME_ZONE)
TOTAL = 8000
ITEMS = [
    ("Godkendelse af dagsorden", Purpose.DECISION),
    ("Drøftelse", Purpose.DISCUSSION),
    ("Lukket punkt", Purpose.DECISION),
]


def _at(day, hour, minutes=0):
    return dt.datetime.combine(day, dt.time(hour, minutes), tzinfo=LOCAL)


def _months(start, end):
    day = dt.date(start.year, start.month, 1)
    while day <= end:
        yield day
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def meetings(plan: Plan) -> None:
    rng = plan.rng
    w = world(plan)
    total = plan.scaled(TOTAL, 50)
    rows: list[tuple] = []  # (body, kind, title, start, end, access)

    def add(body, kind, title, start, hours, access):
        rows.append((body, kind, title, start, start + dt.timedelta(hours=hours), access))

    for term in w.terms:
        council = w.councils.get(term.pk)
        if council is None:
            continue
        for month in _months(term.start_date, term.end_date):
            if month.month == 7:
                continue
            # The last Monday of the month.
            following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
            last = following - dt.timedelta(days=1)
            day = last - dt.timedelta(days=last.weekday())
            add(
                council,
                MeetingKind.COUNCIL,
                "Kommunalbestyrelsens møde",
                _at(day, 17),
                2,
                AccessLevel.PUBLIC,
            )
            if month.month in (2, 4, 6, 9, 11):
                add(
                    council,
                    MeetingKind.JOINT,
                    "Fællesmøde",
                    _at(day, 19, 15),
                    1.75,
                    AccessLevel.COUNCIL,
                )
        for n, committee in enumerate(w.standing.get(term.pk, [])):
            for month in _months(term.start_date, term.end_date):
                if month.month % 3 == 0:
                    day = month + dt.timedelta(days=7 + n % 5)
                    add(
                        committee,
                        MeetingKind.STANDING_COMMITTEE,
                        f"{committee.name}s møde",
                        _at(day, 16),
                        2,
                        AccessLevel.PUBLIC,
                    )
    for body, _term, start, end in w.task_committees:
        span = max((end - start).days, 60)
        for k in range(6):
            day = start + dt.timedelta(days=span * k // 6 + 10)
            add(
                body,
                MeetingKind.TASK_COMMITTEE,
                f"Opgaveudvalget {body.name}",
                _at(day, 17),
                2.5,
                AccessLevel.BODY,
            )
    rows = rows[:total]
    committees = list(w.task_committees)
    while len(rows) < total and committees:
        body, _term, start, end = rng.choice(committees)
        day = start + dt.timedelta(days=rng.randrange(max((end - start).days, 1)))
        if rng.random() < 0.5:
            add(
                body,
                MeetingKind.WORKSHOP,
                f"Workshop: {body.name}",
                _at(day, 10),
                4,
                AccessLevel.PUBLIC,
            )
        else:
            add(
                body,
                MeetingKind.WORKING_GROUP,
                f"Arbejdsgruppe: {body.name}",
                _at(day, 16),
                2,
                AccessLevel.BODY,
            )

    now = timezone.make_aware(dt.datetime.combine(plan.today, dt.time(12)), LOCAL)
    objects = [
        Meeting(
            uid=uuid.UUID(int=rng.getrandbits(128), version=4),
            body=body,
            kind=kind,
            title=title,
            start=start,
            end=end,
            place="Gentofte Rådhus" if kind != MeetingKind.WORKSHOP else "Hovedbiblioteket",
            access_level=access,
            status=MeetingStatus.HELD if end < now else MeetingStatus.PLANNED,
        )
        for body, kind, title, start, end, access in rows
    ]
    bulk(plan, "meetings", Meeting, objects)
    items = []
    for meeting in objects:
        held = meeting.status == MeetingStatus.HELD
        for number, (title, purpose) in enumerate(ITEMS, start=1):
            closed = number == 3
            if closed and meeting.kind in (MeetingKind.WORKSHOP, MeetingKind.WORKING_GROUP):
                continue
            items.append(
                AgendaItem(
                    meeting=meeting,
                    number=number,
                    title=title,
                    purpose=purpose,
                    is_closed=closed,
                    concerns=meeting.body,
                    minutes="Godkendt." if held else "",
                    minutes_approved_at=meeting.end if held else None,
                )
            )
    bulk(plan, "agenda items", AgendaItem, items)
