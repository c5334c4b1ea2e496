"""The task committee's life in the API: the same services as the pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from samskab.core.errors import Conflict, DomainError
from samskab.organisation.models import Body, Person
from samskab.taskcommittees import lifecycle, queries, services
from samskab.taskcommittees import rules as perms
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import (
    AppointmentMethod,
    Decision,
    Delivery,
    FollowUpItem,
    FollowUpStatus,
    Input,
    Recommendation,
    StateChange,
    TaskCommittee,
    TermsVersion,
)

from .errors import ERROR, domain_error
from .parsers import FormParser, JSONParser, MultiPartParser

# Ids beyond a 32-bit integer cannot exist; larger numbers are refused before the database.
MAX_ID = 2**31 - 1


def _refused(message, field):
    """A 400 in the API's one error format, for input the services never see."""
    return Response({"detail": str(message), "field": field}, status=status.HTTP_400_BAD_REQUEST)


def _error(error):
    if isinstance(error, Conflict) and isinstance(error.current, TermsVersion):
        # The service's message speaks of the page; here the current version is a field.
        current = error.current
        error = Conflict(
            _(
                "Somebody saved version %(n)s while you were editing, so nothing was saved. "
                'The current version is in "current": merge your changes into it and send '
                "them again with base_version %(n)s."
            )
            % {"n": current.number},
            current=current,
        )
        return domain_error(error, current=TermsVersionSerializer(current).data)
    return domain_error(error)


class StateChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = StateChange
        fields = ["source", "target", "date", "reference", "note"]


class TaskCommitteeSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(source="body.slug", read_only=True)
    name = serializers.CharField(source="body.name", read_only=True)
    standing_committee = serializers.CharField(
        source="body.parent.slug", default=None, read_only=True, allow_null=True
    )
    start_date = serializers.DateField(source="body.start_date", read_only=True)
    end_date = serializers.DateField(source="body.end_date", read_only=True)
    approved_version = serializers.IntegerField(
        source="approved_version.number", default=None, read_only=True, allow_null=True
    )
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = TaskCommittee
        fields = [
            "slug",
            "name",
            "state",
            "standing_committee",
            "proposed_on",
            "state_changed_on",
            "start_date",
            "end_date",
            "approved_version",
            "url",
        ]


class TaskCommitteeDetailSerializer(TaskCommitteeSerializer):
    rationale = serializers.CharField(read_only=True)
    proposed_by = serializers.SerializerMethodField()
    drafters = serializers.SerializerMethodField()
    history = StateChangeSerializer(source="state_changes", many=True, read_only=True)
    next_steps = serializers.SerializerMethodField()

    class Meta(TaskCommitteeSerializer.Meta):
        fields = TaskCommitteeSerializer.Meta.fields + [
            "rationale",
            "proposed_by",
            "drafters",
            "history",
            "next_steps",
        ]

    def get_proposed_by(self, task) -> list[str]:
        return [b.slug for b in task.proposed_by.all()]

    def get_drafters(self, task) -> list[dict]:
        return [{"person": p.pk, "name": p.name} for p in task.drafters.all()]

    def get_next_steps(self, task) -> list[dict]:
        return [
            {"target": t.target, "label": str(t.label), "council_decision": t.council_decision}
            for t in lifecycle.allowed_from(task.state)
        ]


class ProposeSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    proposers = serializers.ListField(child=serializers.SlugField(), min_length=1)
    rationale = serializers.CharField(required=False, allow_blank=True, default="")
    proposed_on = serializers.DateField(required=False, allow_null=True, default=None)


class TransitionSerializer(serializers.Serializer):
    target = serializers.ChoiceField(choices=State.choices)
    date = serializers.DateField(required=False, allow_null=True, default=None)
    reference = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    expected_state = serializers.ChoiceField(
        choices=State.choices, required=False, allow_null=True, default=None
    )
    drafters = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        allow_null=True,
        default=None,
    )


class TermsVersionSerializer(serializers.ModelSerializer):
    receiving_committee = serializers.SlugRelatedField(
        slug_field="slug", queryset=Body.objects.all(), allow_null=True, required=False
    )
    appointment_method = serializers.ChoiceField(choices=AppointmentMethod.choices, required=False)

    class Meta:
        model = TermsVersion
        fields = ["number", "created", "change_note"] + TermsVersion.CONTENT_FIELDS
        read_only_fields = ["number", "created"]


class TermsSaveSerializer(TermsVersionSerializer):
    base_version = serializers.IntegerField(min_value=0, max_value=MAX_ID, write_only=True)

    class Meta(TermsVersionSerializer.Meta):
        fields = TermsVersionSerializer.Meta.fields + ["base_version"]
        extra_kwargs = {"title": {"max_length": 200, "required": False}}


class InputSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.name", read_only=True)
    version = serializers.IntegerField(
        source="version.number", required=False, min_value=1, max_value=MAX_ID
    )
    parent = serializers.IntegerField(
        source="parent_id", required=False, allow_null=True, min_value=1, max_value=MAX_ID
    )

    class Meta:
        model = Input
        fields = ["id", "author", "version", "parent", "text", "created"]
        read_only_fields = ["id", "author", "created"]
        extra_kwargs = {"text": {"max_length": 10000}}


class DeliverySerializer(serializers.ModelSerializer):
    report = serializers.FileField(required=False, allow_null=True, use_url=False)

    class Meta:
        model = Delivery
        fields = ["summary", "report", "presented_on", "delivered_on"]
        read_only_fields = ["presented_on", "delivered_on"]


class RecommendationSerializer(serializers.ModelSerializer):
    referred_to = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    follow_up = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Recommendation
        fields = [
            "number",
            "text",
            "decision",
            "reason",
            "referred_to",
            "decided_on",
            "reference",
            "follow_up",
        ]
        read_only_fields = [
            "number",
            "decision",
            "reason",
            "referred_to",
            "decided_on",
            "reference",
            "follow_up",
        ]
        extra_kwargs = {"text": {"max_length": 5000}}


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[c for c in Decision.choices if c[0] != Decision.PENDING]
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    referred_to = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Body.objects.all(),
        required=False,
        allow_null=True,
        default=None,
    )
    decided_on = serializers.DateField(required=False, allow_null=True, default=None)
    reference = serializers.CharField(max_length=300)


class ProgressNoteSerializer(serializers.Serializer):
    date = serializers.DateField()
    text = serializers.CharField()


class FollowUpSerializer(serializers.ModelSerializer):
    task_committee = serializers.CharField(source="recommendation.task.body.slug", read_only=True)
    recommendation = serializers.IntegerField(source="recommendation.number", read_only=True)
    text = serializers.CharField(source="recommendation.text", read_only=True)
    owner = serializers.CharField(source="owner.slug", read_only=True)
    overdue = serializers.SerializerMethodField()
    notes = ProgressNoteSerializer(many=True, read_only=True)

    class Meta:
        model = FollowUpItem
        fields = [
            "id",
            "task_committee",
            "recommendation",
            "text",
            "owner",
            "status",
            "due_date",
            "overdue",
            "notes",
        ]

    def get_overdue(self, item) -> bool:
        return item.is_overdue()


class FollowUpUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=FollowUpStatus.choices, required=False, allow_null=True, default=None
    )
    due_date = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class TaskCommitteeFilter(filters.FilterSet):
    state = filters.ChoiceFilter(choices=State.choices)

    class Meta:
        model = TaskCommittee
        fields = ["state"]


class TaskCommitteeViewSet(viewsets.ReadOnlyModelViewSet):
    """Task committees and their life: proposal, transitions, terms of reference, input,
    delivery, recommendations and the council's decisions."""

    lookup_field = "body__slug"
    lookup_url_kwarg = "slug"
    filterset_class = TaskCommitteeFilter
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def get_queryset(self):
        qs = TaskCommittee.objects.select_related("body", "body__parent", "approved_version")
        if self.action == "retrieve":
            qs = qs.prefetch_related("proposed_by", "drafters", "state_changes")
        return qs.order_by("-proposed_on", "body__name", "id")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return TaskCommitteeDetailSerializer
        if self.action == "create":
            return ProposeSerializer
        return TaskCommitteeSerializer

    def _task(self):
        return self.get_object()

    def _detail(self, task, code=status.HTTP_200_OK):
        task = (
            self.get_queryset()
            .prefetch_related("proposed_by", "drafters", "state_changes")
            .get(pk=task.pk)
        )
        return Response(TaskCommitteeDetailSerializer(task).data, status=code)

    @extend_schema(
        request=ProposeSerializer, responses={201: TaskCommitteeDetailSerializer, 400: ERROR}
    )
    def create(self, request):
        data = ProposeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # In the order given: the first named is the committee's home.
        slugs = list(dict.fromkeys(data.validated_data["proposers"]))
        by_slug = {b.slug: b for b in Body.objects.filter(slug__in=slugs)}
        if len(by_slug) != len(slugs):
            return _refused(_("A proposer is not a known committee."), "proposers")
        proposers = [by_slug[slug] for slug in slugs]
        try:
            task = services.propose(
                request.user,
                name=data.validated_data["name"],
                proposers=proposers,
                rationale=data.validated_data["rationale"],
                proposed_on=data.validated_data["proposed_on"],
            )
        except DomainError as error:
            return _error(error)
        return self._detail(task, status.HTTP_201_CREATED)

    @extend_schema(
        request=TransitionSerializer,
        responses={200: TaskCommitteeDetailSerializer, 400: ERROR, 409: ERROR},
    )
    @action(detail=True, methods=["post"])
    def transitions(self, request, slug=None):
        task = self._task()
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        drafters = None
        if v["drafters"] is not None:
            drafters = list(Person.objects.filter(pk__in=v["drafters"]))
            if len(drafters) != len(set(v["drafters"])):
                return _refused(_("A drafter is not a known person."), "drafters")
        try:
            task = services.transition(
                request.user,
                task,
                v["target"],
                date=v["date"],
                reference=v["reference"],
                note=v["note"],
                expected_state=v["expected_state"],
                drafters=drafters,
            )
        except DomainError as error:
            return _error(error)
        return self._detail(task)

    # Reading and writing are separate handlers, each bound to the one method the schema
    # documents: HEAD runs the GET handler and OPTIONS DRF's metadata, never the write.
    @extend_schema(responses={200: TermsVersionSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def terms(self, request, slug=None):
        task = self._task()
        page = self.paginate_queryset(services.visible_versions(request.user, task))
        return self.get_paginated_response(TermsVersionSerializer(page, many=True).data)

    @extend_schema(
        request=TermsSaveSerializer,
        responses={201: TermsVersionSerializer, 400: ERROR, 409: ERROR},
    )
    @terms.mapping.post
    def save_terms(self, request, slug=None):
        task = self._task()
        data = TermsSaveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # Fields left out keep the latest version's text (a partial save changes only what
        # it sends), as the page's form starts from the latest version.
        v = {**services.terms_initial(task), **data.validated_data}
        base = v.pop("base_version")
        note = v.pop("change_note", "")
        try:
            version = services.save_terms(
                request.user, task, v, base_version=base, change_note=note
            )
        except DomainError as error:
            return _error(error)
        return Response(TermsVersionSerializer(version).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: TermsVersionSerializer, 404: ERROR})
    @action(detail=True, methods=["get"], url_path=r"terms/(?P<number>[0-9]+)")
    def terms_version(self, request, slug=None, number=None):
        task = self._task()
        version = services.visible_versions(request.user, task).filter(number=number).first()
        if version is None:
            raise Http404
        return Response(TermsVersionSerializer(version).data)

    @extend_schema(responses={200: InputSerializer(many=True)})
    @action(detail=True, methods=["get"], url_path="input")
    def inputs(self, request, slug=None):
        task = self._task()
        if not perms.can_view_draft(request.user):
            raise PermissionDenied
        page = self.paginate_queryset(services.visible_inputs(request.user, task))
        return self.get_paginated_response(InputSerializer(page, many=True).data)

    @extend_schema(request=InputSerializer, responses={201: InputSerializer, 400: ERROR})
    @inputs.mapping.post
    def add_input(self, request, slug=None):
        task = self._task()
        data = InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        parent = None
        if v.get("parent_id"):
            parent = task.inputs.filter(pk=v["parent_id"]).first()
            if parent is None:
                return _refused(_("The input you replied to no longer exists."), "parent")
        try:
            entry = services.add_input(
                request.user,
                task,
                text=v["text"],
                version_number=v.get("version", {}).get("number"),
                parent=parent,
            )
        except DomainError as error:
            return _error(error)
        return Response(InputSerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: DeliverySerializer})
    @action(detail=True, methods=["get"])
    def delivery(self, request, slug=None):
        task = self._task()
        if not perms.can_view_result(request.user, task):
            raise PermissionDenied
        delivery = get_object_or_404(Delivery, task=task)
        return Response(DeliverySerializer(delivery).data)

    @extend_schema(request=DeliverySerializer, responses={200: DeliverySerializer, 400: ERROR})
    @delivery.mapping.put
    def save_delivery(self, request, slug=None):
        task = self._task()
        data = DeliverySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            delivery = services.save_delivery(
                request.user,
                task,
                summary=data.validated_data.get("summary", ""),
                report=data.validated_data.get("report"),
            )
        except DomainError as error:
            return _error(error)
        return Response(DeliverySerializer(delivery).data)

    @extend_schema(responses={200: RecommendationSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def recommendations(self, request, slug=None):
        task = self._task()
        if not perms.can_view_result(request.user, task):
            raise PermissionDenied
        page = self.paginate_queryset(
            task.recommendations.select_related("referred_to", "follow_up")
        )
        return self.get_paginated_response(RecommendationSerializer(page, many=True).data)

    @extend_schema(
        request=RecommendationSerializer, responses={201: RecommendationSerializer, 400: ERROR}
    )
    @recommendations.mapping.post
    def add_recommendation(self, request, slug=None):
        task = self._task()
        data = RecommendationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            rec = services.add_recommendation(request.user, task, text=data.validated_data["text"])
        except DomainError as error:
            return _error(error)
        return Response(RecommendationSerializer(rec).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=DecisionSerializer,
        responses={200: RecommendationSerializer, 400: ERROR, 404: ERROR},
    )
    @action(detail=True, methods=["post"], url_path=r"recommendations/(?P<number>[0-9]+)/decision")
    def decision(self, request, slug=None, number=None):
        task = self._task()
        rec = get_object_or_404(Recommendation, task=task, number=number)
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            rec = services.decide(request.user, rec, **data.validated_data)
        except DomainError as error:
            return _error(error)
        return Response(RecommendationSerializer(rec).data)


class FollowUpViewSet(viewsets.ReadOnlyModelViewSet):
    """Follow-up of adopted recommendations: the council's accountability record."""

    serializer_class = FollowUpSerializer

    def get_queryset(self):
        return (
            queries.follow_up_items()
            .prefetch_related("notes")
            .filter(lifecycle.result_public_q("recommendation__task__"))
        )

    @extend_schema(
        request=FollowUpUpdateSerializer, responses={200: FollowUpSerializer, 400: ERROR}
    )
    @action(detail=True, methods=["post"])
    def updates(self, request, pk=None):
        item = self.get_object()
        data = FollowUpUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            item = services.update_follow_up(request.user, item, **data.validated_data)
        except DomainError as error:
            return _error(error)
        item = self.get_queryset().get(pk=item.pk)
        return Response(FollowUpSerializer(item).data)
