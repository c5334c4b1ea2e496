from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from samskab.api.errors import json_or_page
from samskab.core import views as core_views

admin.site.site_header = _("Samskab – administration")
admin.site.site_title = _("Samskab")
admin.site.index_title = _("The secretariat's back office")

urlpatterns = [
    path("", include("samskab.portal.urls")),
    path("", include("samskab.organisation.urls")),
    path("", include("samskab.appointment.urls")),
    path("", include("samskab.taskcommittees.urls")),
    path("", include("samskab.recruitment.urls")),
    path("", include("samskab.meetings.urls")),
    path("", include("samskab.library.urls")),
    path("", include("samskab.follows.urls")),
    path("evaluering/", include("samskab.surveys.urls")),
    path("", include("samskab.workspace.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("samskab.api.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", core_views.healthz, name="healthz"),
    path("tilgaengelighed/", core_views.accessibility, name="accessibility"),
    path("privatliv/", core_views.privacy, name="privacy"),
]

# Pages get the site's error pages; everything under /api/ the API's JSON error format.
handler400 = json_or_page(400, core_views.error_400)
handler403 = json_or_page(403, core_views.error_403)
handler404 = json_or_page(404, core_views.error_404)
handler500 = json_or_page(500, core_views.error_500)
