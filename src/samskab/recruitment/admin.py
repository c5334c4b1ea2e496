from django.contrib import admin

from .models import AgeGroup


@admin.register(AgeGroup)
class AgeGroupAdmin(admin.ModelAdmin):
    """The population by age, from the municipality's profile: what a pool is compared with."""

    list_display = ["__str__", "municipality", "population"]
