from django.contrib import admin

from . import models

# The process is run through the pages (and the API), whose services check the lifecycle and
# write the audit trail; the admin shows it read-only so nobody bypasses those rules.


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StateChangeInline(admin.TabularInline):
    model = models.StateChange
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.TaskCommittee)
class TaskCommitteeAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "state", "proposed_on", "state_changed_on"]
    list_filter = ["state"]
    search_fields = ["body__name"]
    inlines = [StateChangeInline]


@admin.register(models.TermsVersion)
class TermsVersionAdmin(ReadOnlyAdmin):
    list_display = ["title", "task", "number", "created"]
    search_fields = ["title"]


@admin.register(models.Input)
class InputAdmin(ReadOnlyAdmin):
    list_display = ["task", "author", "version", "created"]


@admin.register(models.Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["task", "presented_on", "delivered_on"]


@admin.register(models.Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "task", "decision", "decided_on"]
    list_filter = ["decision"]


@admin.register(models.FollowUpItem)
class FollowUpItemAdmin(ReadOnlyAdmin):
    list_display = ["recommendation", "owner", "status", "due_date"]
    list_filter = ["status"]


@admin.register(models.ProgressNote)
class ProgressNoteAdmin(ReadOnlyAdmin):
    list_display = ["item", "date"]


@admin.register(models.StateChange)
class StateChangeAdmin(ReadOnlyAdmin):
    list_display = ["task", "source", "target", "date", "reference"]
