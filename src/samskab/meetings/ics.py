"""Meetings as iCalendar (RFC 5545), built with the ``icalendar`` library.

- Times are written in Europe/Copenhagen with its VTIMEZONE (daylight saving included), so a
  calendar shows 17:00 in winter and in summer alike.
- UID: the meeting's own uuid, stable whatever moves.
- SEQUENCE: the meeting's revision, raised by the services on every change.
- A cancelled meeting stays in the feed with STATUS:CANCELLED, so calendars remove it.
- The description lists the agenda items the calendar's owner may see; closed items only for
  those who may see them (a public or body feed has no owner: public items only).
"""

from __future__ import annotations

from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import AgendaItem, MeetingStatus
from .queries import items_q

LOCAL = ZoneInfo(settings.TIME_ZONE)
PRODID = "-//Samskab//Meetings//DA"
STATUS = {
    MeetingStatus.PLANNED: "CONFIRMED",
    MeetingStatus.HELD: "CONFIRMED",
    MeetingStatus.CANCELLED: "CANCELLED",
}


def _domain():
    return urlsplit(settings.SITE_URL).hostname or "samskab.invalid"


def uid(meeting):
    return f"{meeting.uid}@{_domain()}"


def _description(meeting, items):
    lines = [meeting.body.name]
    if meeting.is_cancelled:
        lines.insert(0, _("CANCELLED: %(reason)s") % {"reason": meeting.cancel_reason})
    if meeting.video_link:
        lines.append(_("Video: %(link)s") % {"link": meeting.video_link})
    if meeting.description:
        lines += ["", meeting.description]
    if items:
        lines += ["", _("Agenda:")]
        lines += [f"{item.number}. {item.title}" for item in items]
    return "\n".join(lines)


def event(meeting, items=(), *, now=None):
    e = Event()
    e.add("uid", uid(meeting))
    e.add("dtstamp", now or timezone.now())
    e.add("dtstart", timezone.localtime(meeting.start, LOCAL))
    e.add("dtend", timezone.localtime(meeting.end, LOCAL))
    e.add("created", meeting.created)
    e.add("last-modified", meeting.updated)
    e.add("sequence", meeting.sequence)
    e.add("status", STATUS[meeting.status])
    e.add("summary", meeting.title)
    if meeting.place:
        e.add("location", meeting.place)
    e.add("description", _description(meeting, items))
    e.add("url", settings.SITE_URL.rstrip("/") + meeting.get_absolute_url())
    e.add("class", "PUBLIC" if meeting.access_level == "public" else "PRIVATE")
    return e


def calendar_for(user, meetings, *, name):
    """The iCalendar file (bytes) of the ``meetings`` queryset as ``user`` may see them
    (None: anybody)."""
    meetings = list(_with_items(user, meetings))
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", str(name))
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    now = timezone.now()
    for meeting in meetings:
        cal.add_component(event(meeting, meeting.feed_items, now=now))
    # The VTIMEZONE for every TZID used (Europe/Copenhagen), with its daylight-saving rules.
    cal.add_missing_timezones()
    return cal.to_ical()


def _with_items(user, qs):
    viewer = user if user is not None else AnonymousUser()
    items = AgendaItem.objects.filter(items_q(viewer)).order_by("number")
    return qs.prefetch_related(Prefetch("items", queryset=items, to_attr="feed_items"))
