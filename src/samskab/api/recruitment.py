"""Recruitment in the API: calls (public), applications (the secretariat; council members
without contact details), the pool's statistics, and the applicant's private link. Every write
calls the same service as the page."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from samskab.core.errors import DomainError
from samskab.organisation.models import District
from samskab.recruitment import abuse, breadth, queries, services, tokens
from samskab.recruitment import rules as perms
from samskab.recruitment.models import (
    Application,
    Background,
    Call,
    ChannelKind,
    Gender,
)
from samskab.taskcommittees.models import TaskCommittee

from .errors import ERROR
from .parsers import JSONParser

MAX_ID = 2**31 - 1
ACCEPTED = inline_serializer("Accepted", {"detail": serializers.CharField()})


def _error(error):
    if error.code == "forbidden":
        raise PermissionDenied(str(error.message))
    return Response(
        {"detail": str(error.message), "field": error.field}, status=status.HTTP_400_BAD_REQUEST
    )


def _refused(message, field=None, code=status.HTTP_400_BAD_REQUEST):
    return Response({"detail": str(message), "field": field}, status=code)


def _require(allowed):
    if not allowed:
        raise PermissionDenied(_("You do not have permission to do this."))


# --- Calls --------------------------------------------------------------------------------


class ChannelSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    kind = serializers.ChoiceField(choices=ChannelKind.choices)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    date = serializers.DateField()


class CallSerializer(serializers.ModelSerializer):
    task_committee = serializers.CharField(source="task.body.slug", read_only=True)
    committee = serializers.CharField(source="task.body.name", read_only=True)
    title = serializers.CharField(source="terms.title", read_only=True)
    task = serializers.CharField(source="terms.assignment", read_only=True)
    purpose = serializers.CharField(source="terms.purpose", read_only=True)
    expected_meetings = serializers.IntegerField(
        source="terms.expected_meetings", read_only=True, allow_null=True
    )
    start_date = serializers.DateField(source="terms.start_date", read_only=True, allow_null=True)
    end_date = serializers.DateField(source="terms.end_date", read_only=True, allow_null=True)
    citizens = serializers.IntegerField(source="terms.citizens", read_only=True)
    council_members = serializers.IntegerField(source="terms.council_members", read_only=True)
    competences = serializers.ListField(
        child=serializers.CharField(), source="terms.competence_list", read_only=True
    )
    is_open = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    short_url = serializers.SerializerMethodField()

    class Meta:
        model = Call
        fields = [
            "slug",
            "task_committee",
            "committee",
            "title",
            "intro",
            "deadline",
            "is_open",
            "task",
            "purpose",
            "expected_meetings",
            "start_date",
            "end_date",
            "citizens",
            "council_members",
            "competences",
            "url",
            "short_url",
        ]

    def get_is_open(self, call) -> bool:
        return call.is_open()

    def get_short_url(self, call) -> str:
        return reverse("recruitment:short", args=[call.code])


class OpenCallSerializer(serializers.Serializer):
    task_committee = serializers.SlugField()
    deadline = serializers.DateTimeField()
    intro = serializers.CharField(required=False, allow_blank=True, default="")


class UpdateCallSerializer(serializers.Serializer):
    deadline = serializers.DateTimeField(required=False)
    intro = serializers.CharField(required=False, allow_blank=True)


class ApplySerializer(serializers.Serializer):
    name = serializers.CharField(max_length=services.MAX_NAME, allow_blank=True)
    email = serializers.CharField(max_length=254, allow_blank=True)
    phone = serializers.CharField(
        max_length=services.MAX_PHONE, required=False, allow_blank=True, default=""
    )
    birth_year = serializers.IntegerField(min_value=0, max_value=9999)
    gender = serializers.ChoiceField(
        choices=Gender.choices, required=False, allow_blank=True, default=""
    )
    district = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True, default=None
    )
    background = serializers.ChoiceField(choices=Background.choices)
    occupation = serializers.CharField(
        max_length=services.MAX_OCCUPATION, required=False, allow_blank=True, default=""
    )
    competences = serializers.ListField(
        child=serializers.CharField(max_length=500), max_length=50, required=False, default=list
    )
    motivation = serializers.CharField(max_length=services.MAX_MOTIVATION, allow_blank=True)
    heard_via = serializers.ChoiceField(
        choices=ChannelKind.choices, required=False, allow_blank=True, default=""
    )
    future_calls = serializers.BooleanField(required=False, default=False)
    consent = serializers.BooleanField(
        help_text="The applicant agrees to the purpose and retention shown on the call's page."
    )
    website = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Leave empty."
    )

    def values(self):
        data = dict(self.validated_data)
        pk = data.get("district")
        data["district"] = District.objects.filter(pk=pk).first() if pk else None
        return data


class UpdateApplicationSerializer(ApplySerializer):
    email = None  # type: ignore[assignment]
    consent = None  # type: ignore[assignment]
    website = None  # type: ignore[assignment]


class PoolEntrySerializer(serializers.ModelSerializer):
    """An applicant as the pool shows them. Contact details, year of birth, gender, channel
    and the secretariat's note are null for council members."""

    district = serializers.CharField(source="district.name", default=None, allow_null=True)
    age_band = serializers.SerializerMethodField()
    email = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()
    birth_year = serializers.SerializerMethodField()
    gender = serializers.SerializerMethodField()
    heard_via = serializers.SerializerMethodField()
    note = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id",
            "name",
            "district",
            "age_band",
            "background",
            "occupation",
            "competences",
            "motivation",
            "shortlisted",
            "outcome",
            "email",
            "phone",
            "birth_year",
            "gender",
            "heard_via",
            "note",
        ]

    def _contact(self):
        return self.context.get("contact", False)

    def get_age_band(self, application) -> str | None:
        band = queries.age_band(application)
        return band.key if band else None

    def get_email(self, application) -> str | None:
        return application.email if self._contact() else None

    def get_phone(self, application) -> str | None:
        return application.phone if self._contact() else None

    def get_birth_year(self, application) -> int | None:
        return application.birth_year if self._contact() else None

    def get_gender(self, application) -> str | None:
        return application.gender if self._contact() else None

    def get_heard_via(self, application) -> str | None:
        return application.heard_via if self._contact() else None

    def get_note(self, application) -> str | None:
        return application.note if self._contact() else None


class MarkSerializer(serializers.Serializer):
    shortlisted = serializers.BooleanField(required=False, allow_null=True, default=None)
    note = serializers.CharField(
        max_length=services.MAX_NOTE,
        required=False,
        allow_blank=True,
        allow_null=True,
        default=None,
    )


class ConcludeSerializer(serializers.Serializer):
    appointed = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), max_length=1000
    )
    on = serializers.DateField(required=False, allow_null=True, default=None)


ROW = inline_serializer(
    "BreadthRow",
    {
        "key": serializers.CharField(),
        "label": serializers.CharField(),
        "count": serializers.IntegerField(),
        "share": serializers.FloatField(),
        "population": serializers.IntegerField(allow_null=True),
        "population_share": serializers.FloatField(allow_null=True),
    },
    many=True,
)
STATISTICS = inline_serializer(
    "PoolStatistics",
    {
        "total": serializers.IntegerField(),
        "anonymised": serializers.BooleanField(),
        "gaps": serializers.ListField(child=serializers.CharField()),
        "dimensions": inline_serializer(
            "BreadthDimension",
            {
                "key": serializers.CharField(),
                "title": serializers.CharField(),
                "compared_with": serializers.CharField(allow_blank=True),
                "rows": ROW,
            },
            many=True,
        ),
    },
)
POOL_FILTERS = [
    "q",
    "competence",
    "district",
    "age",
    "gender",
    "channel",
    "shortlist",
]


class CallViewSet(viewsets.ReadOnlyModelViewSet):
    """Public calls for citizens to join a task committee; the secretariat opens and runs
    them; the pool and its statistics are for council members and the secretariat."""

    serializer_class = CallSerializer
    lookup_field = "slug"
    parser_classes = [JSONParser]

    def get_queryset(self):
        qs = Call.objects.select_related("task__body", "terms").order_by("-opened_at", "id")
        if self.action == "list" and self.request.query_params.get("open") == "true":
            qs = qs.filter(deadline__gt=timezone.now(), appointed_on__isnull=True)
        return qs

    def _call(self):
        return self.get_object()

    @extend_schema(request=OpenCallSerializer, responses={201: CallSerializer, 400: ERROR})
    def create(self, request):
        data = OpenCallSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        task = TaskCommittee.objects.filter(body__slug=v["task_committee"]).first()
        if task is None:
            _require(perms.can_manage(request.user))
            return _refused(_("There is no such task committee."), "task_committee")
        try:
            call = services.open_call(request.user, task, deadline=v["deadline"], intro=v["intro"])
        except DomainError as error:
            return _error(error)
        return Response(CallSerializer(call).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=UpdateCallSerializer, responses={200: CallSerializer, 400: ERROR})
    def partial_update(self, request, slug=None):
        call = self._call()
        data = UpdateCallSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        try:
            call = services.update_call(
                request.user,
                call,
                deadline=v.get("deadline", call.deadline),
                intro=v.get("intro", call.intro),
            )
        except DomainError as error:
            return _error(error)
        return Response(CallSerializer(call).data)

    @extend_schema(methods=["GET"], responses={200: ChannelSerializer(many=True)})
    @extend_schema(
        methods=["POST"], request=ChannelSerializer, responses={201: ChannelSerializer, 400: ERROR}
    )
    @action(detail=True, methods=["get", "post"])
    def channels(self, request, slug=None):
        call = self._call()
        if request.method != "POST":  # GET and HEAD read; only the documented POST writes
            return Response(ChannelSerializer(call.channels.all(), many=True).data)
        data = ChannelSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            channel = services.add_channel(request.user, call, **data.validated_data)
        except DomainError as error:
            return _error(error)
        return Response(ChannelSerializer(channel).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"],
        parameters=[OpenApiParameter(name, str, required=False) for name in POOL_FILTERS],
        responses={200: PoolEntrySerializer(many=True), 403: ERROR},
    )
    @extend_schema(
        methods=["POST"],
        request=ApplySerializer,
        responses={202: ACCEPTED, 400: ERROR, 410: ERROR, 429: ERROR},
        description="Apply (no account needed). The application counts once the address is "
        "confirmed by the link we email; a second application from the same address "
        "replaces the first once that address confirms again.",
    )
    @action(detail=True, methods=["get", "post"])
    def applications(self, request, slug=None):
        call = self._call()
        if request.method != "POST":  # GET and HEAD read; only the documented POST writes
            _require(perms.can_view_pool(request.user))
            contact = perms.can_see_contact(request.user)
            filters = {k: v for k, v in request.query_params.items() if k in POOL_FILTERS and v}
            if filters.get("shortlist") not in (None, "true"):
                filters.pop("shortlist")
            qs = queries.pool(call, filters, with_gender=contact)
            page = self.paginate_queryset(qs)
            data = PoolEntrySerializer(page, many=True, context={"contact": contact}).data
            return self.get_paginated_response(data)
        if not call.is_open():
            return _refused(
                _("The call closed on %(deadline)s: applications can no longer be sent or changed.")
                % {"deadline": services.format_deadline(call)},
                code=status.HTTP_410_GONE,
            )
        if not abuse.allow(request, "apply"):
            return _refused(
                _("Too many applications were sent from your connection. Try again in an hour."),
                code=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        serializer = ApplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        accepted = Response(
            {"detail": _("We have emailed a link: the application counts once it is opened.")},
            status=status.HTTP_202_ACCEPTED,
        )
        if abuse.is_bot(serializer.validated_data):
            return accepted
        pk = serializer.validated_data.get("district")
        if pk and not District.objects.filter(pk=pk).exists():
            return _refused(_("Choose your district from the list."), "district")
        try:
            services.apply(
                call,
                serializer.values(),
                language=request.LANGUAGE_CODE,
                consent=serializer.validated_data["consent"],
            )
        except DomainError as error:
            return _error(error)
        # The same answer whether the address applied before or not: nothing is revealed.
        return accepted

    @extend_schema(methods=["GET"], responses={200: PoolEntrySerializer, 403: ERROR, 404: ERROR})
    @extend_schema(
        methods=["PATCH"],
        request=MarkSerializer,
        responses={200: PoolEntrySerializer, 400: ERROR, 403: ERROR, 404: ERROR},
    )
    @action(
        detail=True,
        methods=["get", "patch"],
        url_path=r"applications/(?P<pk>[0-9]{1,10})",
        url_name="application",
    )
    def application(self, request, slug=None, pk=None):
        call = self._call()
        _require(perms.can_view_pool(request.user))
        application = get_object_or_404(
            Application.objects.in_pool().select_related("district", "call"), pk=pk, call=call
        )
        contact = perms.can_see_contact(request.user)
        if request.method == "PATCH":
            data = MarkSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            try:
                application = services.mark(request.user, application, **data.validated_data)
            except DomainError as error:
                return _error(error)
            application = Application.objects.select_related("district", "call").get(pk=pk)
        return Response(PoolEntrySerializer(application, context={"contact": contact}).data)

    @extend_schema(responses={200: STATISTICS, 403: ERROR})
    @action(detail=True, methods=["get"])
    def statistics(self, request, slug=None):
        call = self._call()
        _require(perms.can_view_pool(request.user))
        report = breadth.report_for(call)
        return Response(
            {
                "total": report.total,
                "anonymised": call.anonymised_at is not None,
                "gaps": report.gaps,
                "dimensions": [
                    {
                        "key": d.key,
                        "title": d.title,
                        "compared_with": d.compared,
                        "rows": [
                            {
                                "key": r.key,
                                "label": r.label,
                                "count": r.count,
                                "share": r.share,
                                "population": r.population,
                                "population_share": r.population_share,
                            }
                            for r in d.rows
                        ],
                    }
                    for d in report.dimensions
                ],
            }
        )

    @extend_schema(request=ConcludeSerializer, responses={200: CallSerializer, 400: ERROR})
    @action(detail=True, methods=["post"])
    def conclusion(self, request, slug=None):
        call = self._call()
        data = ConcludeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ids = data.validated_data["appointed"]
        appointed = list(Application.objects.filter(call=call, pk__in=ids))
        if len(appointed) != len(set(ids)):
            _require(perms.can_manage(request.user))
            return _refused(
                _("Only confirmed applicants of this call can be registered as appointed."),
                "appointed",
            )
        try:
            call = services.conclude(
                request.user, call, appointed=appointed, on=data.validated_data["on"]
            )
        except DomainError as error:
            return _error(error)
        return Response(CallSerializer(call).data)

    @extend_schema(
        request=None,
        responses={
            200: inline_serializer("Invited", {"invited": serializers.IntegerField()}),
            400: ERROR,
        },
    )
    @action(detail=True, methods=["post"])
    def invitations(self, request, slug=None):
        call = self._call()
        _require(perms.can_manage(request.user))
        # No body is needed, but a malformed one is refused like on every other write.
        request.data  # noqa: B018
        try:
            n = services.invite_register(request.user, call)
        except DomainError as error:
            if error.code == "forbidden":
                return _refused(_("The call is closed."))
            return _error(error)
        return Response({"invited": n})


# --- The applicant's private link ---------------------------------------------------------


def _bad_link(error):
    return _refused(error.message, code=error.status)


class PrivateApplicationView(APIView):
    """The applicant's own application, opened by the private link's token: read everything we
    hold (export), change it until the deadline, or erase it."""

    parser_classes = [JSONParser]
    authentication_classes: list = []

    def _application(self, token):
        return tokens.read(
            tokens.PRIVATE,
            token,
            Application.objects.select_related("call__terms", "call__task__body", "district"),
        )

    @extend_schema(
        operation_id="application_private_retrieve",
        responses={200: OpenApiTypes.OBJECT, 400: ERROR, 410: ERROR},
    )
    def get(self, request, token):
        try:
            application = self._application(token)
        except tokens.BadLink as error:
            return _bad_link(error)
        return Response(services.export_data(application))

    @extend_schema(
        operation_id="application_private_update",
        request=UpdateApplicationSerializer,
        responses={200: OpenApiTypes.OBJECT, 400: ERROR, 410: ERROR},
    )
    def put(self, request, token):
        try:
            application = self._application(token)
        except tokens.BadLink as error:
            return _bad_link(error)
        data = UpdateApplicationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        pk = data.validated_data.get("district")
        if pk and not District.objects.filter(pk=pk).exists():
            return _refused(_("Choose your district from the list."), "district")
        try:
            application = services.update_application(application, data.values())
        except DomainError as error:
            return _error(error)
        return Response(services.export_data(application))

    @extend_schema(
        operation_id="application_private_destroy",
        responses={204: None, 400: ERROR, 410: ERROR},
    )
    def delete(self, request, token):
        try:
            application = self._application(token)
        except tokens.BadLink as error:
            return _bad_link(error)
        services.erase(application)
        return Response(status=status.HTTP_204_NO_CONTENT)


class WithdrawalView(APIView):
    authentication_classes: list = []

    @extend_schema(
        operation_id="application_withdrawal",
        request=None,
        responses={200: OpenApiTypes.OBJECT, 400: ERROR, 410: ERROR},
    )
    def post(self, request, token):
        try:
            application = tokens.read(
                tokens.PRIVATE, token, Application.objects.select_related("call__terms")
            )
        except tokens.BadLink as error:
            return _bad_link(error)
        try:
            application = services.withdraw(application)
        except DomainError as error:
            return _error(error)
        return Response(services.export_data(application))


class ConfirmationView(APIView):
    authentication_classes: list = []

    @extend_schema(
        operation_id="application_confirmation",
        request=None,
        responses={200: ACCEPTED, 400: ERROR, 410: ERROR},
        description="Confirm the address with the token from the first email.",
    )
    def post(self, request, token):
        try:
            application = tokens.read(
                tokens.CONFIRM, token, Application.objects.all(), max_age=tokens.confirm_max_age()
            )
        except tokens.BadLink as error:
            return _bad_link(error)
        try:
            services.confirm(application)
        except DomainError as error:
            return _error(error)
        return Response(
            {"detail": _("Thank you. Your application is received; we have emailed you a receipt.")}
        )


# --- The register of interested citizens --------------------------------------------------


class InterestSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=services.MAX_NAME, allow_blank=True)
    email = serializers.CharField(max_length=254, allow_blank=True)
    district = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True, default=None
    )
    topics = serializers.CharField(
        max_length=services.MAX_TOPICS, required=False, allow_blank=True, default=""
    )
    consent = serializers.BooleanField()
    website = serializers.CharField(required=False, allow_blank=True, default="")


class InterestListView(APIView):
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="interested_create",
        request=InterestSerializer,
        responses={202: ACCEPTED, 400: ERROR, 429: ERROR},
        description="Join the register of citizens who hear about new calls (confirmed by a "
        "link we email).",
    )
    def post(self, request):
        if not abuse.allow(request, "register"):
            return _refused(
                _("Too many sign-ups were sent from your connection. Try again in an hour."),
                code=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        data = InterestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        accepted = Response(
            {"detail": _("We have emailed a link to confirm the address.")},
            status=status.HTTP_202_ACCEPTED,
        )
        if abuse.is_bot(data.validated_data):
            return accepted
        values = dict(data.validated_data)
        pk = values.get("district")
        values["district"] = District.objects.filter(pk=pk).first() if pk else None
        if pk and values["district"] is None:
            return _refused(_("Choose your district from the list."), "district")
        try:
            services.join_register(
                values, language=request.LANGUAGE_CODE, consent=values["consent"]
            )
        except DomainError as error:
            return _error(error)
        return accepted


class InterestTokenView(APIView):
    authentication_classes: list = []

    def _interest(self, token):
        from samskab.recruitment.models import Interest

        return tokens.read(tokens.REGISTER, token, Interest.objects.all())

    @extend_schema(
        operation_id="interested_confirmation",
        request=None,
        responses={200: ACCEPTED, 400: ERROR, 410: ERROR},
    )
    def post(self, request, token):
        try:
            interest = self._interest(token)
        except tokens.BadLink as error:
            return _bad_link(error)
        services.confirm_interest(interest)
        return Response({"detail": _("Thank you. We will write to you when a new call opens.")})

    @extend_schema(operation_id="interested_destroy", responses={204: None, 400: ERROR, 410: ERROR})
    def delete(self, request, token):
        try:
            interest = self._interest(token)
        except tokens.BadLink as error:
            return _bad_link(error)
        services.leave_register(interest)
        return Response(status=status.HTTP_204_NO_CONTENT)
