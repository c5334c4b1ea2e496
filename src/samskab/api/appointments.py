"""Appointments in the API: every step of the appointment meeting, the decision record and
vacancies. Every write calls the same service as the page."""

import re

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from samskab.appointment import queries, services
from samskab.appointment import rules as perms
from samskab.appointment.models import Appointment, Kind, Status, Vacancy
from samskab.core.errors import DomainError
from samskab.organisation.models import Body, BodyKind, Membership, Person
from samskab.recruitment.models import Application
from samskab.taskcommittees.models import TaskCommittee

from .errors import ERROR, domain_error
from .parsers import JSONParser

MAX_ID = 2**31 - 1


def _refused(message, field):
    return Response({"detail": str(message), "field": field}, status=status.HTTP_400_BAD_REQUEST)


def _forbid_unless(allowed):
    if not allowed:
        from rest_framework.exceptions import PermissionDenied

        raise PermissionDenied(_("You do not have permission to do this."))


class PickSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    seat_group = serializers.CharField(source="seat_group.short_name")
    named_by = serializers.CharField(source="named_by.short_name")
    name = serializers.CharField()
    council_member = serializers.BooleanField(source="is_council_member")
    person = serializers.IntegerField(source="person_id", allow_null=True)
    committee = serializers.CharField(source="committee.slug", allow_null=True, default=None)
    note = serializers.CharField()


class SeatSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    group = serializers.CharField()
    quotient = serializers.CharField(
        allow_null=True, help_text='"p" or "p/q" in lowest terms; null when decided unanimously'
    )
    by_lot = serializers.BooleanField()
    kind = serializers.CharField(help_text="any, council or citizen")
    pick = PickSerializer(allow_null=True)


class LotSerializer(serializers.Serializer):
    quotient = serializers.CharField()
    physical = serializers.BooleanField(
        default=False, help_text="Decided by a physical draw the chair entered."
    )
    groups = serializers.ListField(child=serializers.CharField())
    winners = serializers.ListField(child=serializers.CharField())
    places = serializers.ListField(child=serializers.IntegerField())
    at_boundary = serializers.BooleanField()
    kind = serializers.CharField()


class GroupSizeSerializer(serializers.Serializer):
    name = serializers.CharField()
    size = serializers.IntegerField()
    seats = serializers.IntegerField()


class PersonRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class AppointmentSerializer(serializers.Serializer):
    """The appointment meeting as it stands; once completed, the decision record."""

    id = serializers.IntegerField()
    kind = serializers.CharField(help_text="task_committee or constitution")
    committee = serializers.CharField(source="body.slug")
    committee_name = serializers.CharField(source="body.name")
    date = serializers.DateField()
    reference = serializers.CharField()
    method = serializers.CharField()
    council_seats = serializers.IntegerField()
    citizen_seats = serializers.IntegerField()
    require_pool = serializers.BooleanField()
    residents_only = serializers.BooleanField(
        help_text="A qualification the council set: citizens live in the municipality."
    )
    min_age = serializers.IntegerField(
        allow_null=True,
        help_text="A qualification the council set: the least age of citizens in the year of "
        "the decision (null: none).",
    )
    competences = serializers.ListField(
        child=serializers.CharField(),
        help_text="A qualification the council set: each citizen has at least one of these "
        "competences from the terms of reference (empty: none).",
    )
    meeting = serializers.IntegerField(
        allow_null=True, help_text="The council meeting (in /api/v1/meetings/) that decided."
    )
    sizes_note = serializers.CharField()
    departure_note = serializers.CharField(
        help_text="The unanimous decision, when the seats depart from d'Hondt (method "
        "'unanimous'); empty otherwise."
    )
    seed = serializers.CharField()
    status = serializers.CharField()
    version = serializers.IntegerField()
    next_pick = serializers.IntegerField(allow_null=True)
    groups = GroupSizeSerializer(many=True)
    order = SeatSerializer(many=True)
    lots = LotSerializer(many=True)
    chair = PersonRefSerializer(allow_null=True)
    vice_chair = PersonRefSerializer(allow_null=True)
    url = serializers.CharField()


def _data(appointment):
    s = queries.state(appointment)

    def person(p):
        return {"id": p.pk, "name": p.name} if p is not None else None

    return AppointmentSerializer(
        {
            "id": appointment.pk,
            "kind": appointment.kind,
            "body": appointment.body,
            "date": appointment.date,
            "reference": appointment.reference,
            "method": appointment.method,
            "council_seats": appointment.council_seats,
            "citizen_seats": appointment.citizen_seats,
            "require_pool": appointment.require_pool,
            "residents_only": appointment.residents_only,
            "min_age": appointment.min_age,
            "competences": appointment.competences,
            "meeting": appointment.meeting_id,
            "sizes_note": appointment.sizes_note,
            "departure_note": appointment.departure_note,
            "seed": appointment.seed,
            "status": appointment.status,
            "version": appointment.version,
            "next_pick": s["due"],
            "groups": s["seats_per_group"],
            "order": [
                {
                    **{k: row[k] for k in ("number", "group", "quotient", "by_lot", "kind")},
                    "pick": row["pick"],
                }
                for row in s["rows"]
            ],
            "lots": appointment.ties,
            "chair": person(appointment.chair),
            "vice_chair": person(appointment.vice_chair),
            "url": appointment.get_absolute_url(),
        }
    ).data


class AppointmentSummarySerializer(serializers.Serializer):
    """One appointment in a list (the seats and picks are in the detail)."""

    id = serializers.IntegerField()
    committee = serializers.CharField(source="body.slug")
    committee_name = serializers.CharField(source="body.name")
    date = serializers.DateField()
    reference = serializers.CharField()
    status = serializers.CharField()
    seats = serializers.IntegerField()
    named = serializers.IntegerField()
    url = serializers.CharField(source="get_absolute_url")


class StartSerializer(serializers.Serializer):
    task_committee = serializers.SlugField(
        required=False, help_text="The task committee to appoint; or give council."
    )
    council = serializers.SlugField(
        required=False,
        help_text="A council constituting its standing committees as one (instead of a "
        "task committee).",
    )
    date = serializers.DateField(required=False)
    reference = serializers.CharField(max_length=300, allow_blank=True)
    sizes = serializers.DictField(child=serializers.IntegerField(), required=False)
    sizes_note = serializers.CharField(max_length=300, required=False, allow_blank=True)
    seed = serializers.CharField(max_length=200, required=False, allow_blank=True)
    require_pool = serializers.BooleanField(required=False, default=True)
    residents_only = serializers.BooleanField(
        required=False,
        default=False,
        help_text="A qualification the council set: citizens must live in the municipality.",
    )
    min_age = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=1000,
        help_text="A qualification the council set: the least age of citizens in the year of "
        "the decision (15 to 100).",
    )
    competences = serializers.ListField(
        child=serializers.CharField(max_length=300),
        required=False,
        max_length=100,
        help_text="A qualification the council set: competences from the terms of reference; "
        "each citizen must have at least one of them (needs require_pool).",
    )
    meeting = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text="The council meeting that decides (an id in /api/v1/meetings/); without a "
        "date, the decision is dated on its day.",
    )
    physical_lot = serializers.ListField(
        child=serializers.CharField(max_length=20),
        required=False,
        max_length=1000,
        help_text="The result of a physical draw: the tied groups in the order drawn.",
    )
    departure = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=1000),
        required=False,
        help_text="A departure from d'Hondt: each group's seats (short name: seats), decided "
        "unanimously by the council; required when the terms say it designates unanimously.",
    )
    departure_note = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="The council's unanimous decision to depart from d'Hondt (meeting and item).",
    )
    unanimous = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Confirms that the council decided the departure unanimously.",
    )


class PickRequestSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=1, max_value=1000)
    version = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    person = serializers.IntegerField(required=False, allow_null=True, max_value=MAX_ID)
    application = serializers.IntegerField(required=False, allow_null=True, max_value=MAX_ID)
    named_by = serializers.CharField(max_length=20, required=False, allow_blank=True)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)
    committee = serializers.SlugField(
        required=False, help_text="In a constitution: the standing committee chosen."
    )


class ChairsSerializer(serializers.Serializer):
    chair = serializers.IntegerField(max_value=MAX_ID)
    vice_chair = serializers.IntegerField(max_value=MAX_ID)
    version = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class AppointmentViewSet(viewsets.GenericViewSet):
    """The appointment meetings: the secretariat runs them, council members follow them; a
    completed one is the decision record, public like the members it made."""

    parser_classes = [JSONParser]
    serializer_class = AppointmentSerializer
    queryset = Appointment.objects.none()

    def _appointment(self, pk):
        appointment = get_object_or_404(
            Appointment.objects.select_related("body", "chair", "vice_chair", "meeting"),
            # Only plain ASCII digits: "²" is a digit to str.isdigit but not to int().
            pk=int(pk) if re.fullmatch(r"[0-9]{1,10}", str(pk)) and int(pk) <= MAX_ID else 0,
        )
        if not perms.can_view(self.request.user, appointment):
            raise Http404
        return appointment

    @extend_schema(responses={200: AppointmentSummarySerializer(many=True)})
    def list(self, request):
        qs = queries.appointments()
        if not perms.can_follow(request.user):
            qs = qs.filter(status=Status.COMPLETED)
        page = self.paginate_queryset(qs) or []
        return self.get_paginated_response(AppointmentSummarySerializer(page, many=True).data)

    @extend_schema(responses={200: AppointmentSerializer})
    def retrieve(self, request, pk=None):
        return Response(_data(self._appointment(pk)))

    @extend_schema(request=StartSerializer, responses={201: AppointmentSerializer, 400: ERROR})
    def create(self, request):
        _forbid_unless(perms.can_manage(request.user))
        data = StartSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        if v.get("council"):
            council = Body.objects.filter(slug=v["council"], kind=BodyKind.COUNCIL).first()
            if council is None:
                return _refused(_("There is no such council."), "council")
            try:
                appointment = services.start_constitution(
                    request.user,
                    council,
                    date=v.get("date"),
                    reference=v["reference"],
                    seed=v.get("seed") or None,
                )
            except DomainError as error:
                return domain_error(error)
            return Response(_data(appointment), status=status.HTTP_201_CREATED)
        task = TaskCommittee.objects.filter(body__slug=v.get("task_committee", "")).first()
        if task is None:
            return _refused(_("There is no such task committee."), "task_committee")
        meeting = None
        if v.get("meeting"):
            meeting = queries.council_meetings().filter(pk=v["meeting"]).first()
            if meeting is None:
                return _refused(_("Choose one of the council's meetings from the list."), "meeting")
        try:
            appointment = services.start(
                request.user,
                task,
                date=v.get("date"),
                reference=v["reference"],
                sizes=v.get("sizes"),
                sizes_note=v.get("sizes_note", ""),
                seed=v.get("seed") or None,
                require_pool=v["require_pool"],
                physical_lot=v.get("physical_lot"),
                departure=v.get("departure"),
                departure_note=v.get("departure_note", ""),
                unanimous=v["unanimous"],
                residents_only=v["residents_only"],
                min_age=v.get("min_age"),
                competences=v.get("competences"),
                meeting=meeting,
            )
        except DomainError as error:
            return domain_error(error)
        return Response(_data(appointment), status=status.HTTP_201_CREATED)

    @extend_schema(
        request=PickRequestSerializer, responses={200: AppointmentSerializer, 400: ERROR}
    )
    @action(detail=True, methods=["post"])
    def picks(self, request, pk=None):
        appointment = self._appointment(pk)
        _forbid_unless(perms.can_manage(request.user))
        data = PickRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        person = application = None
        if v.get("person"):
            person = Person.objects.filter(pk=v["person"]).first()
            if person is None:
                return _refused(_("There is no such person."), "person")
        if v.get("application"):
            application = Application.objects.filter(pk=v["application"]).first()
            if application is None:
                return _refused(
                    _("The citizen is not in the applicant pool, which the council required."),
                    "application",
                )
        if appointment.kind == Kind.CONSTITUTION:
            try:
                services.pick_committee_seat(
                    request.user,
                    appointment,
                    number=v["number"],
                    version=v["version"],
                    person=person,
                    committee=Body.objects.filter(slug=v.get("committee", "")).first(),
                    named_by=v.get("named_by") or None,
                    note=v.get("note", ""),
                )
            except DomainError as error:
                return domain_error(error)
            return Response(_data(self._appointment(pk)))
        try:
            services.pick(
                request.user,
                appointment,
                number=v["number"],
                version=v["version"],
                person=person,
                application=application,
                named_by=v.get("named_by") or None,
                note=v.get("note", ""),
            )
        except DomainError as error:
            return domain_error(error)
        return Response(_data(self._appointment(pk)))

    @extend_schema(request=ChairsSerializer, responses={200: AppointmentSerializer, 400: ERROR})
    @action(detail=True, methods=["post"])
    def chairs(self, request, pk=None):
        appointment = self._appointment(pk)
        _forbid_unless(perms.can_manage(request.user))
        data = ChairsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        people = Person.objects.in_bulk([v["chair"], v["vice_chair"]])
        try:
            services.choose_chairs(
                request.user,
                appointment,
                chair=people.get(v["chair"]),
                vice_chair=people.get(v["vice_chair"]),
                version=v["version"],
            )
        except DomainError as error:
            return domain_error(error)
        return Response(_data(self._appointment(pk)))


class VacancySerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    committee = serializers.CharField(source="body.slug", read_only=True)
    group = serializers.CharField(source="group.short_name", read_only=True)
    left = serializers.CharField(source="left.person.name", read_only=True)
    replacement = serializers.CharField(source="replacement.person.name", read_only=True)
    date = serializers.DateField()
    reference = serializers.CharField(max_length=300, allow_blank=True)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    membership = serializers.IntegerField(write_only=True, max_value=MAX_ID)
    person = serializers.IntegerField(
        write_only=True, required=False, allow_null=True, max_value=MAX_ID
    )
    application = serializers.IntegerField(
        write_only=True, required=False, allow_null=True, max_value=MAX_ID
    )


class VacancyView(APIView):
    """A member left: the group that named them names the replacement (no new allocation)."""

    parser_classes = [JSONParser]

    @extend_schema(request=VacancySerializer, responses={201: VacancySerializer, 400: ERROR})
    def post(self, request):
        _forbid_unless(perms.can_fill_vacancy(request.user))
        data = VacancySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        membership = Membership.objects.filter(pk=v["membership"]).first()
        if membership is None:
            return _refused(_("There is no such membership."), "membership")
        person = Person.objects.filter(pk=v["person"]).first() if v.get("person") else None
        application = (
            Application.objects.filter(pk=v["application"]).first()
            if v.get("application")
            else None
        )
        if v.get("person") and person is None:
            return _refused(_("There is no such person."), "person")
        if v.get("application") and application is None:
            return _refused(_("The citizen is not in the applicant pool."), "application")
        try:
            vacancy = services.fill_vacancy(
                request.user,
                membership,
                date=v["date"],
                reference=v["reference"],
                person=person,
                application=application,
                note=v["note"],
            )
        except DomainError as error:
            return domain_error(error)
        vacancy = Vacancy.objects.select_related(
            "body", "group", "left__person", "replacement__person"
        ).get(pk=vacancy.pk)
        return Response(VacancySerializer(vacancy).data, status=status.HTTP_201_CREATED)
