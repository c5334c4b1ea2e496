from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import accounts, appointment, meetings, organisation, taskcommittees
from .docs import SwaggerView

# JSON only: no ".json" suffix routes (their views would get an unexpected "format").
router = DefaultRouter()
router.include_format_suffixes = False
router.include_root_view = False
router.register("bodies", organisation.BodyViewSet, basename="body")
router.register("groups", organisation.GroupViewSet, basename="group")
router.register("people", organisation.PersonViewSet, basename="person")
router.register("task-committees", taskcommittees.TaskCommitteeViewSet, basename="task-committee")
router.register("follow-up", taskcommittees.FollowUpViewSet, basename="follow-up")
router.register("meetings", meetings.MeetingViewSet, basename="meeting")
router.register("tokens", accounts.ApiTokenViewSet, basename="api-token")

urlpatterns = [
    path("", include(router.urls)),
    path("dhondt", appointment.DhondtView.as_view(), name="dhondt"),
    path("meeting-series/", meetings.MeetingSeriesView.as_view(), name="meeting-series"),
    path(
        "invitation-answers/",
        meetings.InvitationAnswerView.as_view(),
        name="invitation-answers",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
