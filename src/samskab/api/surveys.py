"""Evaluation surveys in the API: question sets, rounds and their results, through the same
services and queries as the pages. Answers are never exposed one by one: results are counts
per group, with the same threshold as the pages (below it, no number at all)."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from samskab.core.errors import DomainError
from samskab.meetings.models import Meeting
from samskab.organisation.models import Body
from samskab.surveys import queries, services
from samskab.surveys import rules as perms
from samskab.surveys.models import (
    AGREEMENT_CHOICES,
    SCALE_VALUES,
    Kind,
    Question,
    QuestionSet,
    Round,
    RoundKind,
)

from .errors import ERROR
from .parsers import JSONParser

MAX_ID = 2**31 - 1


def _error(error):
    if error.code == "forbidden":
        raise PermissionDenied(str(error.message))
    return Response(
        {"detail": str(error.message), "field": error.field}, status=status.HTTP_400_BAD_REQUEST
    )


class QuestionSerializer(serializers.ModelSerializer):
    options = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = ["id", "key", "text", "kind", "asked_of", "options", "headline", "required"]

    def get_options(self, question) -> list[str]:
        return question.option_list()


class QuestionSetSerializer(serializers.ModelSerializer):
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = QuestionSet
        fields = ["id", "family", "version", "name", "description", "questions"]


class QuestionSetViewSet(viewsets.ReadOnlyModelViewSet):
    """The questionnaires, each version with its questions."""

    serializer_class = QuestionSetSerializer

    def get_queryset(self):
        return QuestionSet.objects.prefetch_related("questions").order_by("family", "-version")


class RoundSerializer(serializers.ModelSerializer):
    committee = serializers.CharField(source="body.slug", read_only=True)
    committee_name = serializers.CharField(source="body.name", read_only=True)
    status = serializers.SerializerMethodField()
    published = serializers.BooleanField(read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Round
        fields = [
            "id",
            "title",
            "kind",
            "committee",
            "committee_name",
            "question_set",
            "opened_at",
            "closes_at",
            "closed_at",
            "status",
            "published",
            "meeting",
            "url",
        ]

    def get_status(self, round_) -> str:
        return "open" if round_.is_open() else ("closed" if round_.is_closed() else "scheduled")


class OpenRoundSerializer(serializers.Serializer):
    committee = serializers.SlugField(help_text="The task committee's slug.")
    question_set = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    closes_on = serializers.DateField(help_text="The last day to answer (answers until its end).")
    kind = serializers.ChoiceField(choices=RoundKind.choices, default=RoundKind.EVALUATION)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    remind_days = serializers.IntegerField(
        min_value=0, max_value=services.MAX_REMIND_DAYS, default=3
    )


class OpenPulseSerializer(serializers.Serializer):
    meeting = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="The held task committee meeting it asks about."
    )
    question_set = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, help_text="Default: the pulse question set."
    )
    closes_on = serializers.DateField(help_text="The last day to answer (answers until its end).")
    remind_days = serializers.IntegerField(
        min_value=0, max_value=services.MAX_REMIND_DAYS, default=2
    )


class PublishSerializer(serializers.Serializer):
    published = serializers.BooleanField()


CELL = inline_serializer(
    "SurveyResultCell",
    {
        "group": serializers.CharField(),
        "shown": serializers.BooleanField(),
        "answers": serializers.IntegerField(allow_null=True),
        "counts": serializers.DictField(child=serializers.IntegerField(), allow_null=True),
        "percentages": serializers.DictField(child=serializers.FloatField(), allow_null=True),
        "headline_percent": serializers.FloatField(allow_null=True),
        "mean": serializers.FloatField(allow_null=True),
    },
)
RESULTS = inline_serializer(
    "SurveyResults",
    {
        "round": serializers.IntegerField(),
        "threshold": serializers.IntegerField(),
        "groups": inline_serializer(
            "SurveyResultGroup",
            {
                "group": serializers.CharField(),
                "shown": serializers.BooleanField(),
                "invited": serializers.IntegerField(allow_null=True),
                "answered": serializers.IntegerField(allow_null=True),
            },
            many=True,
        ),
        "questions": inline_serializer(
            "SurveyQuestionResult",
            {
                "question": serializers.IntegerField(),
                "key": serializers.CharField(),
                "text": serializers.CharField(),
                "kind": serializers.CharField(),
                "cells": CELL,
                "published_texts": serializers.ListField(child=serializers.CharField()),
            },
            many=True,
        ),
    },
)


def _labels(question):
    """The keys of a question's counts: its answer options as the API names them."""
    if question.kind == Kind.AGREEMENT:
        names = {5: "fully_agree", 4: "partly_agree", 3: "neither", 2: "partly_disagree"}
        names.update({1: "fully_disagree", 0: "dont_know"})
        return [(value, names[value]) for value, _label in AGREEMENT_CHOICES]
    if question.kind == Kind.SCALE:
        return [(value, str(value)) for value in SCALE_VALUES]
    if question.kind in (Kind.SINGLE, Kind.MULTIPLE):
        return list(enumerate(question.option_list()))
    return []


def _cell(cell, question):
    if not cell.shown:
        return {
            "group": cell.audience,
            "shown": False,
            "answers": None,
            "counts": None,
            "percentages": None,
            "headline_percent": None,
            "mean": None,
        }
    labels = _labels(question)
    return {
        "group": cell.audience,
        "shown": True,
        "answers": cell.n,
        "counts": {name: cell.counts.get(value, 0) for value, name in labels} if labels else None,
        "percentages": {name: round(cell.pct(value), 1) for value, name in labels}
        if labels
        else None,
        "headline_percent": round(cell.headline(question), 1)
        if question.kind == Kind.AGREEMENT
        else None,
        "mean": round(cell.mean, 2) if question.kind == Kind.SCALE else None,
    }


def results_json(results):
    return {
        "round": results.round.pk,
        "threshold": results.threshold,
        "groups": [
            {
                "group": g.audience,
                "shown": g.shown,
                "invited": g.invited if g.shown else None,
                "answered": g.answered,
            }
            for g in results.groups
        ],
        "questions": [
            {
                "question": qr.question.pk,
                "key": qr.question.key,
                "text": qr.question.text,
                "kind": qr.question.kind,
                "cells": [_cell(c, qr.question) for c in qr.cells],
                "published_texts": qr.texts,
            }
            for qr in results.questions
        ],
    }


class RoundViewSet(viewsets.ReadOnlyModelViewSet):
    """Survey rounds: the secretariat sees all of them, everybody else the published ones."""

    serializer_class = RoundSerializer
    parser_classes = [JSONParser]

    def get_queryset(self):
        return queries.visible_rounds(self.request.user)

    def get_serializer_class(self):
        return OpenRoundSerializer if self.action == "create" else RoundSerializer

    @extend_schema(request=OpenRoundSerializer, responses={201: RoundSerializer, 400: ERROR})
    def create(self, request):
        if not perms.can_manage(request.user):
            raise PermissionDenied
        data = OpenRoundSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        body = Body.objects.filter(slug=v["committee"]).first()
        question_set = QuestionSet.objects.filter(pk=v["question_set"]).first()
        if body is None:
            return _error(DomainError(_("Choose a task committee."), field="committee"))
        if question_set is None:
            return _error(DomainError(_("Choose a question set."), field="question_set"))
        try:
            round_ = services.open_round(
                request.user,
                body,
                question_set,
                closes_at=services.closing_time(v["closes_on"]),
                kind=v["kind"],
                title=v["title"],
                remind_days=v["remind_days"],
            )
        except DomainError as error:
            if error.field == "body":
                error.field = "committee"
            return _error(error)
        round_ = self.get_queryset().get(pk=round_.pk)
        return Response(RoundSerializer(round_).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=OpenPulseSerializer, responses={201: RoundSerializer, 400: ERROR, 403: ERROR}
    )
    @action(detail=False, methods=["post"])
    def pulse(self, request):
        """Ask how a held meeting of a task committee went (the secretariat or the chair)."""
        if not (perms.can_manage(request.user) or perms.has_person(request.user)):
            raise PermissionDenied  # nobody else may, whatever the meeting
        data = OpenPulseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        meeting = Meeting.objects.select_related("body").filter(pk=v["meeting"]).first()
        if meeting is None:
            return _error(DomainError(_("Choose a held meeting."), field="meeting"))
        if "question_set" in v:
            question_set = QuestionSet.objects.filter(pk=v["question_set"]).first()
        else:
            question_set = services.pulse_question_set()
        if question_set is None:
            return _error(DomainError(_("Choose a question set."), field="question_set"))
        try:
            round_ = services.open_pulse(
                request.user,
                meeting,
                question_set,
                closes_at=services.closing_time(v["closes_on"]),
                remind_days=v["remind_days"],
            )
        except DomainError as error:
            return _error(error)
        return Response(RoundSerializer(round_).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: RoundSerializer, 400: ERROR})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        round_ = self.get_object()
        # It takes no body, but a malformed one is refused like everywhere else.
        request.data  # noqa: B018
        try:
            round_ = services.close_round(request.user, round_)
        except DomainError as error:
            return _error(error)
        return Response(RoundSerializer(round_).data)

    @extend_schema(request=PublishSerializer, responses={200: RoundSerializer, 400: ERROR})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        round_ = self.get_object()
        data = PublishSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            round_ = services.publish(
                request.user, round_, published=data.validated_data["published"]
            )
        except DomainError as error:
            return _error(error)
        return Response(RoundSerializer(round_).data)

    @extend_schema(responses={200: RESULTS, 404: ERROR})
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        round_ = self.get_object()
        if not perms.can_view_results(request.user, round_):
            raise Http404
        return Response(results_json(queries.round_results(round_)))


COMPARISON = inline_serializer(
    "SurveyComparison",
    {
        "question": QuestionSerializer(),
        "threshold": serializers.IntegerField(),
        "rows": inline_serializer(
            "SurveyComparisonRow",
            {
                "label": serializers.CharField(),
                "year": serializers.IntegerField(allow_null=True),
                "round": serializers.IntegerField(allow_null=True),
                "group": serializers.CharField(),
                "shown": serializers.BooleanField(),
                "answers": serializers.IntegerField(allow_null=True),
                "headline_percent": serializers.FloatField(allow_null=True),
                "agree_percent": serializers.FloatField(allow_null=True),
                "disagree_percent": serializers.FloatField(allow_null=True),
            },
            many=True,
        ),
    },
)


class ComparisonQuery(serializers.Serializer):
    question = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    first_year = serializers.IntegerField(min_value=1900, max_value=2200, required=False)
    last_year = serializers.IntegerField(min_value=1900, max_value=2200, required=False)


def _rounded(value):
    return None if value is None else round(value, 1)


class ComparisonView(APIView):
    """One agreement question (in one version) across committees and years: the share that
    agrees fully or partly, per group, with totals per year and overall. Groups below the
    threshold carry no number and are left out of the totals."""

    @extend_schema(
        operation_id="surveys_comparison",
        parameters=[
            OpenApiParameter("question", int, required=True),
            OpenApiParameter("first_year", int),
            OpenApiParameter("last_year", int),
        ],
        responses={200: COMPARISON, 400: ERROR, 404: ERROR},
    )
    def get(self, request):
        data = ComparisonQuery(data=request.query_params)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        question = queries.comparable_questions(request.user).filter(pk=v["question"]).first()
        if question is None:
            raise Http404
        comp = queries.comparison(
            request.user,
            question,
            first_year=v.get("first_year"),
            last_year=v.get("last_year"),
            label_all="all",
        )
        rows = []
        for row in [comp.total, *comp.years, *comp.committees]:
            for audience, cell in row.cells.items():
                rows.append(
                    {
                        "label": row.label,
                        "year": row.year,
                        "round": row.round.pk if row.round else None,
                        "group": audience,
                        "shown": cell.shown,
                        "answers": cell.n if cell.shown else None,
                        "headline_percent": _rounded(cell.headline(question)),
                        "agree_percent": _rounded(cell.agree),
                        "disagree_percent": _rounded(cell.disagree),
                    }
                )
        return Response(
            {
                "question": QuestionSerializer(question).data,
                "threshold": comp.threshold,
                "rows": rows,
            }
        )
