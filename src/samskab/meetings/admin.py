"""The back office shows meetings; they are planned and changed through their pages, where
the rules (times, rooms, frozen minutes, SEQUENCE for calendars) hold."""

from django.contrib import admin
from django.db import models

from .models import AgendaItem, Attendance, CalendarToken, Meeting, Series


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnly):
    list_display = ["title", "body", "kind", "start", "status", "access_level"]
    list_filter = ["kind", "status", "access_level"]
    search_fields = ["title", "body__name", "place"]
    date_hierarchy = "start"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Series)
class SeriesAdmin(ReadOnly):
    list_display = ["title", "body", "rule", "created"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnly):
    list_display = ["meeting", "number", "title", "purpose", "is_closed"]
    search_fields = ["title"]


@admin.register(Attendance)
class AttendanceAdmin(ReadOnly):
    list_display = ["meeting", "person", "presence"]


@admin.register(CalendarToken)
class CalendarTokenAdmin(ReadOnly):
    list_display = ["user", "created", "revoked"]
    exclude = ["digest"]
