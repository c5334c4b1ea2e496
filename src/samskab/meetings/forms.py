"""Parse the pages' input. Rules that are business rules (times, rooms, frozen minutes) are the
services'; the forms call the same validators so the message shows next to its field."""

import datetime as dt
from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from samskab.core.access import AccessLevel
from samskab.organisation.models import Body, Person

from . import services
from .models import MeetingKind, Presence, Purpose


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


class TimeInput(forms.TimeInput):
    input_type = "time"

    def format_value(self, value):
        return value.strftime("%H:%M") if hasattr(value, "strftime") else value


def body_choices():
    return Body.objects.active().order_by("kind", "name")


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none())
    kind = forms.ChoiceField(
        label=_("Kind of meeting"),
        choices=[("", _("As the body usually meets")), *MeetingKind.choices],
        required=False,
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DateInput)
    start_time = forms.TimeField(label=_("Starts"), widget=TimeInput)
    end_time = forms.TimeField(label=_("Ends"), widget=TimeInput)
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("The room and address, e.g. 'Byrådssalen, Gentofte Rådhus'."),
    )
    video_link = forms.URLField(
        label=_("Video link"), max_length=500, required=False, assume_scheme="https"
    )
    access_level = forms.ChoiceField(
        label=_("Who may see it"),
        choices=[("", _("As usual for the kind of meeting")), *AccessLevel.choices],
        required=False,
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    capacity = forms.IntegerField(
        label=_("Places for registration"),
        min_value=1,
        max_value=10000,
        required=False,
        help_text=_("For open workshops only."),
    )
    allow_double_booking = forms.BooleanField(
        label=_("Book the place even though it is booked then"), required=False
    )

    def __init__(self, *args, fixed_body=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["body"]).queryset = body_choices()
        if fixed_body is not None:
            del self.fields["body"]
        self.fixed_body = fixed_body

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean() returns cleaned_data; the stubs allow None
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            data["start"] = services.combine(day, start)
            data["end"] = services.combine(day, end)
            for field, message in services.validate_times(data["start"], data["end"]).items():
                self.add_error("end_time" if field == "end" else "start_time", message)
        return data

    def service_kwargs(self):
        data = self.cleaned_data
        return {
            "title": data["title"],
            "start": data["start"],
            "end": data["end"],
            "kind": data["kind"] or None,
            "place": data["place"],
            "video_link": data["video_link"],
            "access_level": data["access_level"] or None,
            "description": data["description"],
            "capacity": data.get("capacity"),
        }


class MeetingEditForm(MeetingForm):
    sequence = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = MeetingKind.choices
        self.fields["kind"].required = True
        cast(forms.ChoiceField, self.fields["access_level"]).choices = AccessLevel.choices
        self.fields["access_level"].required = True

    @classmethod
    def initial_for(cls, meeting):
        start, end = services.local(meeting.start), services.local(meeting.end)
        return {
            "kind": meeting.kind,
            "title": meeting.title,
            "date": start.date(),
            "start_time": start.time(),
            "end_time": end.time(),
            "place": meeting.place,
            "video_link": meeting.video_link,
            "access_level": meeting.access_level,
            "description": meeting.description,
            "capacity": meeting.capacity,
            "sequence": meeting.sequence,
        }


REPEATS = [
    ("weekly", _("every week")),
    ("biweekly", _("every other week")),
    ("monthly_weekday", _("every month, on the same weekday (e.g. the third Tuesday)")),
    ("monthly_date", _("every month, on the same date")),
    ("quarterly_weekday", _("every quarter, on the same weekday")),
]
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def rule_for(repeat, first_day):
    """The iCalendar recurrence for a choice of the series form, from its first day."""
    nth = (first_day.day - 1) // 7 + 1
    # The fifth weekday of a month does not exist in most months: use "the last" instead.
    position = "-1" if nth == 5 else f"+{nth}"
    weekday = f"{position}{WEEKDAYS[first_day.weekday()]}"
    return {
        "weekly": "FREQ=WEEKLY",
        "biweekly": "FREQ=WEEKLY;INTERVAL=2",
        "monthly_weekday": f"FREQ=MONTHLY;BYDAY={weekday}",
        "monthly_date": "FREQ=MONTHLY",
        "quarterly_weekday": f"FREQ=MONTHLY;INTERVAL=3;BYDAY={weekday}",
    }[repeat]


class SeriesForm(MeetingForm):
    repeat = forms.ChoiceField(label=_("Repeats"), choices=REPEATS)
    until = forms.DateField(label=_("Last date"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["capacity"]
        self.fields["date"].label = _("First date")
        self.order_fields(
            ["body", "kind", "title", "date", "start_time", "end_time", "repeat", "until"]
        )

    def clean(self):
        data = super().clean()
        day, until = data.get("date"), data.get("until")
        if day and until and until < day:
            self.add_error("until", _("The last date cannot be before the first."))
        if day and until and until - day > dt.timedelta(days=3 * 366):
            self.add_error("until", _("Plan at most three years ahead."))
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    concerns = forms.ModelChoiceField(
        label=_("Concerns"),
        queryset=Body.objects.none(),
        required=False,
        help_text=_("The committee or task committee the item is about."),
    )
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    is_closed = forms.BooleanField(
        label=_("Closed item (only the body's members and the secretariat see it)"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["concerns"]).queryset = body_choices()


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes: the decision or notes"), widget=forms.Textarea(attrs={"rows": 4})
    )


class StepForm(forms.Form):
    target = forms.ChoiceField(label=_("Step"))
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, steps=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["target"]).choices = [
            (t.target, t.label) for t in steps
        ]


PRESENCE_CHOICES = [
    ("", _("not recorded")),
    *[c for c in Presence.choices if c[0] != Presence.SUBSTITUTE],
]


class AttendanceForm(forms.Form):
    """One choice per member of the body, and up to two substitutes."""

    SUBSTITUTES = 2

    def __init__(self, *args, people=(), substitutes=None, recorded=None, **kwargs):
        super().__init__(*args, **kwargs)
        recorded = recorded or {}
        self.people = list(people)
        for person in self.people:
            self.fields[f"p{person.pk}"] = forms.ChoiceField(
                label=person.name,
                choices=PRESENCE_CHOICES,
                required=False,
                initial=recorded.get(person.pk, ""),
            )
        candidates = substitutes if substitutes is not None else Person.objects.none()
        for n in range(self.SUBSTITUTES):
            self.fields[f"sub{n}"] = forms.ModelChoiceField(
                label=_("Substitute %(n)s") % {"n": n + 1},
                queryset=candidates,
                required=False,
            )
            self.fields[f"sub{n}_for"] = forms.ModelChoiceField(
                label=_("substitutes for"),
                queryset=Person.objects.filter(pk__in=[p.pk for p in self.people]),
                required=False,
            )

    def rows(self):
        data = self.cleaned_data
        rows = [
            (person, data[f"p{person.pk}"], None)
            for person in self.people
            if data.get(f"p{person.pk}")
        ]
        for n in range(self.SUBSTITUTES):
            person, member = data.get(f"sub{n}"), data.get(f"sub{n}_for")
            if person is not None or member is not None:
                if person is None:
                    self.add_error(f"sub{n}", _("Choose the substitute."))
                    continue
                rows.append((person, Presence.SUBSTITUTE, member))
        return rows


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email"), max_length=254)


class GuestForm(RegistrationForm):
    # Left out, the site's language.
    language = forms.TypedChoiceField(
        label=_("Language of the email"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        required=False,
        empty_value=settings.LANGUAGE_CODE,
        help_text=_("The invitation and the reminder are written in this language."),
    )
