from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import (
    accounts,
    appointment,
    appointments,
    follows,
    library,
    meetings,
    organisation,
    recruitment,
    surveys,
    taskcommittees,
)
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
router.register("tokens", accounts.ApiTokenViewSet, basename="api-token")
router.register("calls", recruitment.CallViewSet, basename="call")
router.register("meetings", meetings.MeetingViewSet, basename="meeting")
router.register("surveys/question-sets", surveys.QuestionSetViewSet, basename="survey-question-set")
router.register("appointments", appointments.AppointmentViewSet, basename="appointment")
router.register("surveys/rounds", surveys.RoundViewSet, basename="survey-round")
router.register("documents", library.DocumentViewSet, basename="document")
router.register("follows", follows.FollowViewSet, basename="follow")

urlpatterns = [
    path("", include(router.urls)),
    path("dhondt", appointment.DhondtView.as_view(), name="dhondt"),
    # The applicant's private link and the register of interested citizens (no account).
    path(
        "applications/<str:token>/",
        recruitment.PrivateApplicationView.as_view(),
        name="application-private",
    ),
    path(
        "applications/<str:token>/withdrawal/",
        recruitment.WithdrawalView.as_view(),
        name="application-withdrawal",
    ),
    path(
        "application-confirmations/<str:token>/",
        recruitment.ConfirmationView.as_view(),
        name="application-confirmation",
    ),
    path("interested/", recruitment.InterestListView.as_view(), name="interested-list"),
    path(
        "interested/<str:token>/",
        recruitment.InterestTokenView.as_view(),
        name="interested-token",
    ),
    path("meeting-series/", meetings.MeetingSeriesView.as_view(), name="meeting-series"),
    path(
        "invitation-answers/",
        meetings.InvitationAnswerView.as_view(),
        name="invitation-answers",
    ),
    path("surveys/comparison/", surveys.ComparisonView.as_view(), name="survey-comparison"),
    path("vacancies/", appointments.VacancyView.as_view(), name="vacancies"),
    path("search/", library.SearchView.as_view(), name="search"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
