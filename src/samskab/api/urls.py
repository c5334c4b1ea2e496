from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import accounts, appointment, organisation, surveys, taskcommittees
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
router.register("surveys/question-sets", surveys.QuestionSetViewSet, basename="survey-question-set")
router.register("surveys/rounds", surveys.RoundViewSet, basename="survey-round")

urlpatterns = [
    path("", include(router.urls)),
    path("dhondt", appointment.DhondtView.as_view(), name="dhondt"),
    path("surveys/comparison/", surveys.ComparisonView.as_view(), name="survey-comparison"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
