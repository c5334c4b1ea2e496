from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from samskab.core import views as core_views

admin.site.site_header = _("Samskab – administration")
admin.site.site_title = _("Samskab")
admin.site.index_title = _("The secretariat's back office")

urlpatterns = [
    path("", include("samskab.portal.urls")),
    path("", include("samskab.organisation.urls")),
    path("dhondt/", include("samskab.appointment.urls")),
    path("", include("samskab.taskcommittees.urls")),
    path("evaluering/", include("samskab.surveys.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("samskab.api.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz", core_views.healthz, name="healthz"),
]

handler400 = "samskab.core.views.error_400"
handler403 = "samskab.core.views.error_403"
handler404 = "samskab.core.views.error_404"
handler500 = "samskab.core.views.error_500"
