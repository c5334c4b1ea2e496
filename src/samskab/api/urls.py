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
    workspace,
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
    path("digest-settings/", follows.DigestSettingsView.as_view(), name="digest-settings"),
    path("search/", library.SearchView.as_view(), name="search"),
    # The collaboration room (and an invited guest's link, which needs no account).
    path("rooms/<slug:slug>/threads/", workspace.RoomThreadsView.as_view(), name="room-threads"),
    path("rooms/<slug:slug>/ideas/", workspace.RoomIdeasView.as_view(), name="room-ideas"),
    path("rooms/<slug:slug>/drafts/", workspace.RoomDraftsView.as_view(), name="room-drafts"),
    path(
        "rooms/<slug:slug>/working-groups/",
        workspace.RoomWorkingGroupsView.as_view(),
        name="room-working-groups",
    ),
    path(
        "rooms/<slug:slug>/invitations/",
        workspace.RoomInvitationsView.as_view(),
        name="room-invitations",
    ),
    path("threads/<int:pk>/", workspace.ThreadView.as_view(), name="thread-detail"),
    path("threads/<int:pk>/posts/", workspace.ThreadPostsView.as_view(), name="thread-posts"),
    path("posts/<int:pk>/", workspace.PostView.as_view(), name="post-detail"),
    path("posts/<int:pk>/reports/", workspace.PostReportsView.as_view(), name="post-reports"),
    path("posts/<int:pk>/hiding/", workspace.PostHidingView.as_view(), name="post-hiding"),
    path("ideas/<int:pk>/", workspace.IdeaView.as_view(), name="idea-detail"),
    path("ideas/<int:pk>/support/", workspace.IdeaSupportView.as_view(), name="idea-support"),
    path("ideas/<int:pk>/naming/", workspace.IdeaNamingView.as_view(), name="idea-naming"),
    path("ideas/<int:pk>/comments/", workspace.IdeaCommentsView.as_view(), name="idea-comments"),
    path("drafts/<int:pk>/", workspace.DraftView.as_view(), name="draft-detail"),
    path(
        "drafts/<int:pk>/paragraphs/",
        workspace.DraftParagraphsView.as_view(),
        name="draft-paragraphs",
    ),
    path(
        "drafts/<int:pk>/paragraphs/<int:number>/",
        workspace.DraftParagraphView.as_view(),
        name="draft-paragraph",
    ),
    path(
        "drafts/<int:pk>/paragraphs/<int:number>/comments/",
        workspace.DraftParagraphCommentsView.as_view(),
        name="draft-paragraph-comments",
    ),
    path(
        "drafts/<int:pk>/recommendation/",
        workspace.DraftRecommendationView.as_view(),
        name="draft-recommendation",
    ),
    path("guest/<str:token>/", workspace.GuestView.as_view(), name="guest-threads"),
    path("guest/<str:token>/ideas/", workspace.GuestIdeasView.as_view(), name="guest-ideas"),
    path(
        "guest/<str:token>/threads/",
        workspace.GuestThreadsView.as_view(),
        name="guest-thread-create",
    ),
    path(
        "guest/<str:token>/threads/<int:pk>/",
        workspace.GuestThreadView.as_view(),
        name="guest-thread",
    ),
    path(
        "guest/<str:token>/threads/<int:pk>/posts/",
        workspace.GuestPostsView.as_view(),
        name="guest-posts",
    ),
    path(
        "follow-up-news/<str:token>/",
        workspace.FollowUpNewsView.as_view(),
        name="follow-up-news",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
