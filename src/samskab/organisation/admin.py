from django.contrib import admin
from django.db import models as db
from django.utils.translation import gettext_lazy as _

from . import models


class NoDeleteMixin:
    """History is kept: memberships end, they are never deleted."""

    def has_delete_permission(self, request, obj=None):
        return False


class DistrictInline(admin.TabularInline):
    model = models.District
    extra = 0


@admin.register(models.Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "population"]
    formfield_overrides = {db.URLField: {"assume_scheme": "https"}}
    inlines = [DistrictInline]


@admin.register(models.District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "population"]


@admin.register(models.TermOfOffice)
class TermOfOfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date"]


@admin.register(models.Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["letter", "name"]
    search_fields = ["letter", "name"]


@admin.register(models.Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "term"]
    list_filter = ["term"]
    filter_horizontal = ["parties"]
    search_fields = ["name", "short_name"]


class MembershipInline(NoDeleteMixin, admin.TabularInline):
    model = models.Membership
    extra = 0
    autocomplete_fields = ["person", "body", "group"]
    fields = [
        "person",
        "body",
        "role",
        "is_council_member",
        "group",
        "basis",
        "start_date",
        "end_date",
    ]


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "district"]
    search_fields = ["name", "email", "user__email"]
    list_filter = ["district"]
    autocomplete_fields = ["user"]
    inlines = [MembershipInline]


@admin.register(models.Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "start_date", "end_date"]
    list_filter = ["kind", "term"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]


@admin.register(models.Membership)
class MembershipAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ["person", "body", "role", "group", "start_date", "end_date"]
    list_filter = ["role", "basis", "is_council_member", "body__kind"]
    search_fields = ["person__name", "body__name"]
    autocomplete_fields = ["person", "body", "group"]
    list_select_related = ["person", "body", "group"]
    date_hierarchy = "start_date"


admin.site.empty_value_display = _("(none)")  # type: ignore[assignment]
