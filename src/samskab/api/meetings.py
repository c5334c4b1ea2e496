"""Meetings in the API: the same queries and services as the pages."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from samskab.core.access import AccessLevel
from samskab.core.errors import Conflict, DomainError
from samskab.meetings import queries, services
from samskab.meetings import rules as perms
from samskab.meetings.models import (
    AgendaItem,
    Attendance,
    Invitation,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Presence,
    Purpose,
    Topic,
)
from samskab.organisation.models import Body, Person
from samskab.taskcommittees.lifecycle import State

from .errors import ERROR
from .filters import MomentFilter

MAX_ID = 2**31 - 1


def _error(error):
    if error.code == "forbidden":
        raise PermissionDenied(str(error.message))
    body = {"detail": str(error.message), "field": error.field}
    code = status.HTTP_409_CONFLICT if isinstance(error, Conflict) else status.HTTP_400_BAD_REQUEST
    return Response(body, status=code)


def _refused(message, field):
    return Response({"detail": str(message), "field": field}, status=status.HTTP_400_BAD_REQUEST)


class MeetingSerializer(serializers.ModelSerializer):
    body = serializers.CharField(source="body.slug", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "uid",
            "body",
            "kind",
            "title",
            "start",
            "end",
            "place",
            "video_link",
            "status",
            "access_level",
            "description",
            "capacity",
            "sequence",
            "cancel_reason",
            "series",
            "url",
        ]
        read_only_fields = fields


class AgendaItemSerializer(serializers.ModelSerializer):
    concerns = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    minutes = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = [
            "number",
            "title",
            "text",
            "concerns",
            "purpose",
            "is_closed",
            "topic",
            "minutes",
            "minutes_approved_at",
            "steps",
        ]
        read_only_fields = fields

    def get_minutes(self, item) -> str | None:
        # Draft minutes are the secretariat's until approved.
        user = self.context.get("user")
        if item.minutes_frozen or perms.can_write_minutes(user, item):
            return item.minutes
        return None

    def get_steps(self, item) -> list[dict]:
        return [
            {"target": link.state_change.target, "date": link.state_change.date.isoformat()}
            for link in item.steps.all()
        ]


class AttendanceSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="person.name", read_only=True)
    substitute_for = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Attendance
        fields = ["person", "name", "presence", "substitute_for"]
        read_only_fields = fields


class MeetingDetailSerializer(MeetingSerializer):
    items = serializers.SerializerMethodField()
    attendance = serializers.SerializerMethodField()

    class Meta(MeetingSerializer.Meta):
        fields = MeetingSerializer.Meta.fields + ["items", "attendance"]
        read_only_fields = fields

    def get_items(self, meeting) -> list[dict]:
        user = self.context["user"]
        items = queries.visible_items(user, meeting).prefetch_related("steps__state_change")
        return list(AgendaItemSerializer(items, many=True, context=self.context).data)

    def get_attendance(self, meeting) -> list[dict]:
        return list(AttendanceSerializer(queries.attendance(meeting), many=True).data)


class MeetingWriteSerializer(serializers.Serializer):
    body = serializers.SlugField(max_length=100)
    title = serializers.CharField(max_length=200)
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    kind = serializers.ChoiceField(
        choices=MeetingKind.choices, required=False, allow_null=True, default=None
    )
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    video_link = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    access_level = serializers.ChoiceField(
        choices=AccessLevel.choices, required=False, allow_null=True, default=None
    )
    description = serializers.CharField(required=False, allow_blank=True, default="")
    capacity = serializers.IntegerField(
        min_value=1, max_value=10000, required=False, allow_null=True, default=None
    )
    allow_double_booking = serializers.BooleanField(required=False, default=False)


class MeetingUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False)
    start = serializers.DateTimeField(required=False)
    end = serializers.DateTimeField(required=False)
    kind = serializers.ChoiceField(choices=MeetingKind.choices, required=False)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    video_link = serializers.URLField(max_length=500, required=False, allow_blank=True)
    access_level = serializers.ChoiceField(choices=AccessLevel.choices, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    capacity = serializers.IntegerField(
        min_value=1, max_value=10000, required=False, allow_null=True
    )
    expected_sequence = serializers.IntegerField(
        min_value=0, max_value=MAX_ID, required=False, allow_null=True, default=None
    )
    allow_double_booking = serializers.BooleanField(required=False, default=False)


class SeriesWriteSerializer(MeetingWriteSerializer):
    rule = serializers.CharField(
        max_length=300, help_text="An iCalendar RRULE, e.g. FREQ=MONTHLY;BYDAY=+3TU"
    )
    until = serializers.DateField(required=False, allow_null=True, default=None)
    count = serializers.IntegerField(
        min_value=1, max_value=services.MAX_SERIES, required=False, allow_null=True, default=None
    )
    capacity = None  # a series has no registration


class SeriesCreatedSerializer(serializers.Serializer):
    series = serializers.IntegerField()
    rule = serializers.CharField()
    meetings = MeetingSerializer(many=True)


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class ItemWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    text = serializers.CharField(required=False, allow_blank=True, default="")
    concerns = serializers.SlugField(max_length=100, required=False, allow_null=True, default=None)
    purpose = serializers.ChoiceField(choices=Purpose.choices, default=Purpose.DISCUSSION)
    is_closed = serializers.BooleanField(required=False, default=False)
    topic = serializers.ChoiceField(
        choices=[("", "-"), *Topic.choices], required=False, allow_blank=True, default=""
    )


class ItemUpdateSerializer(ItemWriteSerializer):
    title = serializers.CharField(max_length=300, required=False)
    purpose = serializers.ChoiceField(choices=Purpose.choices, required=False)
    text = serializers.CharField(required=False, allow_blank=True)
    is_closed = serializers.BooleanField(required=False)
    topic = serializers.ChoiceField(
        choices=[("", "-"), *Topic.choices], required=False, allow_blank=True
    )
    concerns = serializers.SlugField(max_length=100, required=False, allow_null=True)
    move = serializers.ChoiceField(choices=["up", "down"], required=False)


class MinutesSerializer(serializers.Serializer):
    minutes = serializers.CharField(allow_blank=True, max_length=50000)


class AttendanceRowSerializer(serializers.Serializer):
    person = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    presence = serializers.ChoiceField(choices=Presence.choices)
    substitute_for = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True, default=None
    )


class AttendanceWriteSerializer(serializers.Serializer):
    attendance = AttendanceRowSerializer(many=True)


class StepSerializer(serializers.Serializer):
    target = serializers.ChoiceField(choices=State.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class InvitationSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name", read_only=True)

    class Meta:
        model = Invitation
        fields = [
            "id",
            "kind",
            "person",
            "name",
            "language",
            "response",
            "responded_at",
            "created",
        ]
        read_only_fields = fields


class GuestSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField(max_length=254)


class InviteGuestSerializer(GuestSerializer):
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES,
        required=False,
        help_text="The language of the invitation and reminder (default: the site's).",
    )


class AnswerSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=500)
    answer = serializers.ChoiceField(choices=["accept", "decline"])


class AnswerResultSerializer(serializers.Serializer):
    meeting = serializers.IntegerField()
    response = serializers.CharField()


class MeetingFilter(filters.FilterSet):
    body = filters.CharFilter(field_name="body__slug")
    kind = filters.ChoiceFilter(choices=MeetingKind.choices)
    status = filters.ChoiceFilter(choices=MeetingStatus.choices)
    after = MomentFilter(field_name="end", lookup_expr="gte")
    before = MomentFilter(field_name="start", lookup_expr="lt")

    class Meta:
        model = Meeting
        fields = ["body", "kind", "status", "after", "before"]


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Meetings of every body, as the caller may see them, with agenda items, minutes and
    attendance. Writes go through the same services as the pages."""

    filterset_class = MeetingFilter
    lookup_value_regex = "[0-9]{1,10}"

    def get_queryset(self):
        return queries.visible_meetings(self.request.user).order_by("start", "id")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return MeetingDetailSerializer
        return MeetingSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "user": self.request.user}

    def _detail(self, meeting, code=status.HTTP_200_OK):
        meeting = Meeting.objects.select_related("body").get(pk=meeting.pk)
        return Response(
            MeetingDetailSerializer(meeting, context={"user": self.request.user}).data, status=code
        )

    def _item(self, meeting, number):
        item = get_object_or_404(queries.visible_items(self.request.user, meeting), number=number)
        return item

    @extend_schema(
        request=MeetingWriteSerializer,
        responses={201: MeetingDetailSerializer, 400: ERROR, 403: ERROR},
    )
    def create(self, request):
        data = MeetingWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        body = Body.objects.filter(slug=v.pop("body")).first()
        if body is None:
            return _refused(_("Unknown body: choose one from the list."), "body")
        try:
            meeting = services.plan_meeting(request.user, body=body, **v)
        except DomainError as error:
            return _error(error)
        return self._detail(meeting, status.HTTP_201_CREATED)

    @extend_schema(
        request=MeetingUpdateSerializer,
        responses={200: MeetingDetailSerializer, 400: ERROR, 403: ERROR, 409: ERROR},
    )
    def partial_update(self, request, pk=None):
        meeting = self.get_object()
        data = MeetingUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            meeting = services.update_meeting(request.user, meeting, **data.validated_data)
        except DomainError as error:
            return _error(error)
        return self._detail(meeting)

    @extend_schema(request=CancelSerializer, responses={200: MeetingDetailSerializer, 400: ERROR})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        meeting = self.get_object()
        data = CancelSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            meeting = services.cancel_meeting(request.user, meeting, **data.validated_data)
        except DomainError as error:
            return _error(error)
        return self._detail(meeting)

    @extend_schema(request=None, responses={200: MeetingDetailSerializer, 400: ERROR})
    @action(detail=True, methods=["post"])
    def held(self, request, pk=None):
        meeting = self.get_object()
        try:
            meeting = services.mark_held(request.user, meeting)
        except DomainError as error:
            return _error(error)
        return self._detail(meeting)

    @extend_schema(methods=["GET"], responses={200: AgendaItemSerializer(many=True)})
    @extend_schema(
        methods=["POST"],
        request=ItemWriteSerializer,
        responses={201: AgendaItemSerializer, 400: ERROR},
    )
    @action(detail=True, methods=["get", "post"])
    def items(self, request, pk=None):
        meeting = self.get_object()
        if request.method != "POST":  # GET and HEAD read; only the documented POST writes
            items = queries.visible_items(request.user, meeting).prefetch_related(
                "steps__state_change"
            )
            return Response(
                AgendaItemSerializer(items, many=True, context={"user": request.user}).data
            )
        data = ItemWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        concerns = v.pop("concerns")
        body = None
        if concerns:
            body = Body.objects.filter(slug=concerns).first()
            if body is None:
                return _refused(_("Unknown body: choose one from the list."), "concerns")
        try:
            item = services.add_item(request.user, meeting, concerns=body, **v)
        except DomainError as error:
            return _error(error)
        return Response(
            AgendaItemSerializer(item, context={"user": request.user}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        methods=["PATCH"],
        request=ItemUpdateSerializer,
        responses={200: AgendaItemSerializer, 400: ERROR, 404: ERROR},
    )
    @extend_schema(methods=["DELETE"], request=None, responses={204: None, 400: ERROR})
    @action(detail=True, methods=["patch", "delete"], url_path=r"items/(?P<number>[0-9]{1,4})")
    def item(self, request, pk=None, number=None):
        meeting = self.get_object()
        item = self._item(meeting, number)
        try:
            if request.method == "DELETE":
                services.remove_item(request.user, item)
                return Response(status=status.HTTP_204_NO_CONTENT)
            data = ItemUpdateSerializer(data=request.data, partial=True)
            data.is_valid(raise_exception=True)
            v = dict(data.validated_data)
            move = v.pop("move", None)
            if "concerns" in v:
                slug = v["concerns"]
                v["concerns"] = Body.objects.filter(slug=slug).first() if slug else None
                if slug and v["concerns"] is None:
                    return _refused(_("Unknown body: choose one from the list."), "concerns")
            if v:
                item = services.update_item(request.user, item, **v)
            if move:
                item = services.move_item(request.user, item, up=move == "up")
        except DomainError as error:
            return _error(error)
        item = AgendaItem.objects.get(pk=item.pk)
        return Response(AgendaItemSerializer(item, context={"user": request.user}).data)

    @extend_schema(
        request=MinutesSerializer, responses={200: AgendaItemSerializer, 400: ERROR, 404: ERROR}
    )
    @action(detail=True, methods=["put"], url_path=r"items/(?P<number>[0-9]{1,4})/minutes")
    def minutes(self, request, pk=None, number=None):
        meeting = self.get_object()
        item = self._item(meeting, number)
        data = MinutesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            item = services.write_minutes(request.user, item, text=data.validated_data["minutes"])
        except DomainError as error:
            return _error(error)
        return Response(AgendaItemSerializer(item, context={"user": request.user}).data)

    @extend_schema(request=None, responses={200: AgendaItemSerializer, 400: ERROR, 404: ERROR})
    @action(
        detail=True,
        methods=["post"],
        url_path=r"items/(?P<number>[0-9]{1,4})/minutes/approval",
    )
    def approval(self, request, pk=None, number=None):
        meeting = self.get_object()
        item = self._item(meeting, number)
        try:
            item = services.approve_minutes(request.user, item)
        except DomainError as error:
            return _error(error)
        return Response(AgendaItemSerializer(item, context={"user": request.user}).data)

    @extend_schema(
        request=StepSerializer, responses={201: AgendaItemSerializer, 400: ERROR, 404: ERROR}
    )
    @action(detail=True, methods=["post"], url_path=r"items/(?P<number>[0-9]{1,4})/steps")
    def steps(self, request, pk=None, number=None):
        meeting = self.get_object()
        item = self._item(meeting, number)
        data = StepSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if not perms.can_edit_agenda(request.user, meeting):
            raise PermissionDenied
        try:
            services.register_step(request.user, item, **data.validated_data)
        except DomainError as error:
            return _error(error)
        item = AgendaItem.objects.get(pk=item.pk)
        return Response(
            AgendaItemSerializer(item, context={"user": request.user}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses={200: AgendaItemSerializer(many=True), 400: ERROR})
    @action(detail=True, methods=["post"])
    def proposals(self, request, pk=None):
        """Add what the task committees' life asks of a joint meeting to its agenda."""
        meeting = self.get_object()
        # No body is needed, but a malformed one is refused like on every other write.
        request.data  # noqa: B018
        try:
            added = services.propose_joint_agenda(request.user, meeting)
        except DomainError as error:
            return _error(error)
        return Response(AgendaItemSerializer(added, many=True, context={"user": request.user}).data)

    @extend_schema(methods=["GET"], responses={200: InvitationSerializer(many=True)})
    @extend_schema(
        methods=["POST"],
        request=InviteGuestSerializer,
        responses={201: InvitationSerializer, 400: ERROR, 403: ERROR},
    )
    @action(detail=True, methods=["get", "post"])
    def invitations(self, request, pk=None):
        """Who is invited and their answers (the secretariat's); POST invites a guest."""
        meeting = self.get_object()
        if request.method != "POST":  # GET and HEAD read; only the documented POST writes
            if not perms.can_plan(request.user):
                raise PermissionDenied
            return Response(InvitationSerializer(queries.invitations(meeting), many=True).data)
        data = InviteGuestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            invitation = services.invite_guest(
                request.user,
                meeting,
                name=data.validated_data["name"],
                email_address=data.validated_data["email"],
                language=data.validated_data.get("language"),
            )
        except DomainError as error:
            return _error(error)
        return Response(InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=GuestSerializer,
        responses={201: AnswerResultSerializer, 400: ERROR, 410: ERROR},
    )
    @action(detail=True, methods=["post"])
    def registrations(self, request, pk=None):
        """Register for an open workshop (no account needed)."""
        meeting = self.get_object()
        data = GuestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            invitation = services.register(
                meeting,
                name=data.validated_data["name"],
                email_address=data.validated_data["email"],
                language=request.LANGUAGE_CODE,
            )
        except DomainError as error:
            if error.code == "closed":
                return Response(
                    {"detail": str(error.message), "field": None}, status=status.HTTP_410_GONE
                )
            return _error(error)
        return Response(
            {"meeting": meeting.pk, "response": invitation.response},
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(methods=["GET"], responses={200: AttendanceSerializer(many=True)})
    @extend_schema(
        methods=["PUT"],
        request=AttendanceWriteSerializer,
        responses={200: AttendanceSerializer(many=True), 400: ERROR},
    )
    @action(detail=True, methods=["get", "put"])
    def attendance(self, request, pk=None):
        meeting = self.get_object()
        if request.method != "PUT":  # GET and HEAD read; only the documented PUT writes
            return Response(AttendanceSerializer(queries.attendance(meeting), many=True).data)
        data = AttendanceWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rows = data.validated_data["attendance"]
        ids = {r["person"] for r in rows} | {
            r["substitute_for"] for r in rows if r["substitute_for"]
        }
        people = Person.objects.in_bulk(ids)
        if len(people) != len(ids):
            return _refused(_("A person is not known."), "attendance")
        try:
            saved = services.record_attendance(
                request.user,
                meeting,
                [
                    (
                        people[r["person"]],
                        r["presence"],
                        people[r["substitute_for"]] if r["substitute_for"] else None,
                    )
                    for r in rows
                ],
            )
        except DomainError as error:
            return _error(error)
        return Response(AttendanceSerializer(saved, many=True).data)


class InvitationAnswerView(APIView):
    """Answer an invitation with the signed token from its email (no account needed)."""

    @extend_schema(
        request=AnswerSerializer, responses={200: AnswerResultSerializer, 400: ERROR, 410: ERROR}
    )
    def post(self, request):
        data = AnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            invitation = services.respond(
                data.validated_data["token"], accept=data.validated_data["answer"] == "accept"
            )
        except DomainError as error:
            code = status.HTTP_410_GONE if error.code == "expired" else status.HTTP_400_BAD_REQUEST
            return Response({"detail": str(error.message), "field": "token"}, status=code)
        return Response({"meeting": invitation.meeting_id, "response": invitation.response})


class MeetingSeriesView(APIView):
    """Plan a series: single meetings on the dates of an iCalendar recurrence, kept at the same
    local (Copenhagen) time across daylight saving."""

    @extend_schema(
        request=SeriesWriteSerializer,
        responses={201: SeriesCreatedSerializer, 400: ERROR, 403: ERROR},
    )
    def post(self, request):
        data = SeriesWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        body = Body.objects.filter(slug=v.pop("body")).first()
        if body is None:
            return _refused(_("Unknown body: choose one from the list."), "body")
        v.pop("capacity", None)
        try:
            series, meetings = services.plan_series(
                request.user,
                body=body,
                first_start=v.pop("start"),
                first_end=v.pop("end"),
                **v,
            )
        except DomainError as error:
            return _error(error)
        return Response(
            {
                "series": series.pk,
                "rule": series.rule,
                "meetings": MeetingSerializer(meetings, many=True).data,
            },
            status=status.HTTP_201_CREATED,
        )
