"""Documents and search in the API: the same queries and services as the pages.

A document the caller may not open answers 404, as if it did not exist; search counts and
pages only what the caller may open.
"""

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from samskab.core.access import AccessLevel
from samskab.core.errors import DomainError
from samskab.library import queries, services
from samskab.library.models import Document, DocumentKind, DocumentVersion
from samskab.organisation.models import Body

from .errors import ERROR, domain_error


class VersionSerializer(serializers.ModelSerializer):
    download = serializers.CharField(source="get_download_url", read_only=True)

    class Meta:
        model = DocumentVersion
        fields = ["number", "filename", "mime", "size", "note", "uploaded", "download"]
        read_only_fields = fields


class DocumentSerializer(serializers.ModelSerializer):
    body = serializers.CharField(source="body.slug", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    download = serializers.CharField(source="get_download_url", read_only=True)

    class Meta:
        model = Document
        fields = [
            "id",
            "title",
            "kind",
            "date",
            "body",
            "access_level",
            "extraction",
            "current",
            "version",
            "meeting",
            "agenda_item",
            "terms",
            "delivery",
            "url",
            "download",
        ]
        read_only_fields = fields


class DocumentDetailSerializer(DocumentSerializer):
    tags = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    versions = VersionSerializer(many=True, read_only=True)

    class Meta(DocumentSerializer.Meta):
        fields = DocumentSerializer.Meta.fields + ["description", "tags", "versions"]
        read_only_fields = fields


class UploadSerializer(serializers.Serializer):
    body = serializers.SlugField(max_length=100)
    file = serializers.FileField(use_url=False)
    title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=DocumentKind.choices, default=DocumentKind.OTHER)
    date = serializers.DateField(required=False, allow_null=True, default=None)
    access_level = serializers.ChoiceField(
        choices=AccessLevel.choices, required=False, allow_null=True, default=None
    )
    description = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )
    tags = serializers.CharField(max_length=600, required=False, allow_blank=True, default="")
    terms = serializers.SlugField(
        max_length=100,
        required=False,
        allow_null=True,
        default=None,
        help_text="A task committee's slug: file the document with its terms of reference.",
    )
    terms_version = serializers.IntegerField(
        min_value=1,
        max_value=999_999,
        required=False,
        allow_null=True,
        default=None,
        help_text="Which version of the terms (default: the newest the caller may read).",
    )
    delivery = serializers.SlugField(
        max_length=100,
        required=False,
        allow_null=True,
        default=None,
        help_text="A task committee's slug: file the document with its result.",
    )


def _task_paper(user, terms_slug, number, delivery_slug):
    """The terms version or delivery an upload is for, as the caller may read it; a refusal
    (field, reason) when it is unknown to them."""
    from samskab.taskcommittees import rules as task_rules
    from samskab.taskcommittees import services as task_services
    from samskab.taskcommittees.models import Delivery, TaskCommittee

    if terms_slug and delivery_slug:
        return {}, ("delivery", _("File the document with the terms or with the result, not both."))
    if terms_slug:
        task = TaskCommittee.objects.filter(body__slug=terms_slug).first()
        versions = task_services.visible_versions(user, task).order_by("-number") if task else None
        if versions is not None and number is not None:
            versions = versions.filter(number=number)
        terms = versions.first() if versions is not None else None
        if terms is None:
            return {}, (
                "terms",
                _("Unknown terms of reference: name a task committee and a version you can read."),
            )
        return {"terms": terms}, None
    if delivery_slug:
        delivery = (
            Delivery.objects.filter(task__body__slug=delivery_slug).select_related("task").first()
        )
        if delivery is None or not task_rules.can_view_result(user, delivery.task):
            return {}, (
                "delivery",
                _("Unknown result: name a task committee whose result you can read."),
            )
        return {"delivery": delivery}, None
    return {}, None


class MetadataSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    title = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    date = serializers.DateField(required=False, allow_null=True, default=None)
    access_level = serializers.ChoiceField(choices=AccessLevel.choices)
    description = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )
    tags = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, default=list, max_length=12
    )


class NewVersionSerializer(serializers.Serializer):
    file = serializers.FileField(use_url=False)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    version = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)


class DocumentFilter(filters.FilterSet):
    body = filters.CharFilter(field_name="body__slug")
    kind = filters.ChoiceFilter(choices=DocumentKind.choices)
    year = filters.NumberFilter(
        field_name="date", lookup_expr="year", min_value=1900, max_value=2200
    )
    state = filters.ChoiceFilter(
        choices=queries.states(),
        method="in_state",
        help_text="Documents of a task committee (or its working groups) in this state.",
    )

    class Meta:
        model = Document
        fields = ["body", "kind", "year", "state"]

    def in_state(self, queryset, name, value):
        return queryset.filter(body__in=queries.bodies_in_state(value))


def _file(version):
    return FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=version.filename,
        content_type=version.mime,
    )


class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    """Documents as the caller may open them: metadata, versions and downloads. Uploads are
    multipart, to a body, optionally with a task committee's terms of reference (``terms``,
    ``terms_version``) or its result (``delivery``); the text is read in the background
    (``extraction`` says how far)."""

    filterset_class = DocumentFilter
    lookup_value_regex = "[0-9]{1,10}"

    def get_queryset(self):
        documents = queries.visible_documents(self.request.user).order_by("-date", "-id")
        if self.action == "retrieve":
            documents = documents.prefetch_related("tags", "versions")
        return documents

    def get_serializer_class(self):
        if self.action == "retrieve":
            return DocumentDetailSerializer
        return DocumentSerializer

    def _detail(self, document, code=status.HTTP_200_OK):
        document = queries.visible_documents(self.request.user).get(pk=document.pk)
        return Response(DocumentDetailSerializer(document).data, status=code)

    @extend_schema(
        request={"multipart/form-data": UploadSerializer},
        responses={201: DocumentDetailSerializer, 400: ERROR, 403: ERROR},
    )
    def create(self, request):
        data = UploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        body = Body.objects.filter(slug=v.pop("body")).first()
        if body is None:
            return Response(
                {"detail": _("Unknown body: choose one from the list."), "field": "body"},
                status=status.HTTP_400_BAD_REQUEST,
            )
        paper, refusal = _task_paper(
            request.user, v.pop("terms"), v.pop("terms_version"), v.pop("delivery")
        )
        if refusal:
            field, reason = refusal
            return Response({"detail": reason, "field": field}, status=status.HTTP_400_BAD_REQUEST)
        v.update(paper)
        try:
            document = services.upload(request.user, body=body, **v)
        except DomainError as error:
            return domain_error(error)
        return self._detail(document, status.HTTP_201_CREATED)

    @extend_schema(
        request=MetadataSerializer,
        responses={200: DocumentDetailSerializer, 400: ERROR, 403: ERROR, 409: ERROR},
    )
    def partial_update(self, request, pk=None):
        document = self.get_object()
        data = MetadataSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            document = services.update_document(request.user, document, **data.validated_data)
        except DomainError as error:
            return domain_error(error, current=getattr(error, "current", None))
        return self._detail(document)

    @extend_schema(
        responses={(200, "application/octet-stream"): bytes, 404: ERROR},
        description="The newest version's file.",
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        document = self.get_object()
        version = queries.version_of(document, document.current)
        if version is None:
            raise Http404
        return _file(version)

    @extend_schema(
        responses={(200, "application/octet-stream"): bytes, 404: ERROR},
        description="One version's file.",
    )
    @action(detail=True, methods=["get"], url_path=r"versions/(?P<number>[0-9]{1,6})/download")
    def download_version(self, request, pk=None, number=None):
        document = self.get_object()
        version = queries.version_of(document, int(number or 0))
        if version is None:
            raise Http404
        return _file(version)

    @extend_schema(responses={200: VersionSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def versions(self, request, pk=None):
        document = self.get_object()
        return Response(VersionSerializer(queries.versions(document), many=True).data)

    @extend_schema(
        request={"multipart/form-data": NewVersionSerializer},
        responses={201: DocumentDetailSerializer, 400: ERROR, 403: ERROR, 409: ERROR},
    )
    @versions.mapping.post
    def add_version(self, request, pk=None):
        document = self.get_object()
        data = NewVersionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.add_version(request.user, document, **data.validated_data)
        except DomainError as error:
            return domain_error(error, current=getattr(error, "current", None))
        return self._detail(document, status.HTTP_201_CREATED)


class SearchPagination(PageNumberPagination):
    """Pages of hits; ``capped`` says that some kind had more than ``queries.CAP`` hits, of
    which only the newest were counted and ranked (``count`` is then a lower bound)."""

    page_size = 20

    def paginate_queryset(self, queryset, request, view=None):
        self.hits = queryset
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["capped"] = bool(getattr(self.hits, "capped", False))
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["capped"] = {
            "type": "boolean",
            "description": "Some kind had more hits than are counted and ranked; only the "
            "newest of those are in the list, and count is a lower bound.",
        }
        schema["required"] = [*schema.get("required", []), "capped"]
        return schema


HIT_FIELDS: dict[str, serializers.Field] = {
    "id": serializers.IntegerField(),
    "title": serializers.CharField(),
    "kind": serializers.CharField(),
    "kind_label": serializers.CharField(),
    "date": serializers.DateField(allow_null=True),
    "body": serializers.CharField(allow_null=True),
    "snippet": serializers.CharField(help_text="Escaped HTML with <mark> around the words."),
    "url": serializers.CharField(),
}


class SearchView(APIView):
    """Search the documents the caller may open and the bodies (Danish stemming on
    PostgreSQL), one list best first; ``kind`` tells what each hit is."""

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, required=True),
            OpenApiParameter("body", str, description="A body's slug"),
            OpenApiParameter("kind", str, enum=queries.kind_values()),
            OpenApiParameter("year", int),
            OpenApiParameter(
                "state",
                str,
                enum=queries.state_values(),
                description=(
                    "Only what belongs to a task committee in this state of its life (its "
                    "documents, its working groups' documents, its meetings and their minutes, "
                    "the committee, its terms, result and recommendations). Counts stay among "
                    "what the caller may see."
                ),
            ),
            OpenApiParameter("page", int),
        ],
        responses={
            200: inline_serializer(
                "SearchResults",
                {
                    "count": serializers.IntegerField(),
                    "next": serializers.CharField(allow_null=True),
                    "previous": serializers.CharField(allow_null=True),
                    "results": inline_serializer("SearchHit", HIT_FIELDS, many=True),
                },
            ),
            400: ERROR,
        },
    )
    def get(self, request):
        q = queries.clean_query(request.query_params.get("q", ""))
        if not q:
            return Response(
                {"detail": _("Say what to search for."), "field": "q"},
                status=status.HTTP_400_BAD_REQUEST,
            )
        body = None
        if slug := request.query_params.get("body"):
            body = Body.objects.filter(slug=slug).first()
            if body is None:
                return Response(
                    {"detail": _("Unknown body: choose one from the list."), "field": "body"},
                    status=status.HTTP_400_BAD_REQUEST,
                )
        kind = request.query_params.get("kind") or None
        if kind and kind not in queries.kind_values():
            return Response(
                {"detail": _("Choose a kind from the list."), "field": "kind"},
                status=status.HTTP_400_BAD_REQUEST,
            )
        year_text = request.query_params.get("year") or ""
        if year_text and not (year_text.isdigit() and len(year_text) == 4):
            return Response(
                {"detail": _("A year has four digits."), "field": "year"},
                status=status.HTTP_400_BAD_REQUEST,
            )
        state = request.query_params.get("state") or None
        if state and state not in queries.state_values():
            return Response(
                {"detail": _("Unknown state: choose one from the list."), "field": "state"},
                status=status.HTTP_400_BAD_REQUEST,
            )
        results = queries.SearchHits(
            request.user,
            q,
            body=body,
            kind=kind,
            year=int(year_text) if year_text else None,
            state=state,
        )
        paginator = SearchPagination()
        page = paginator.paginate_queryset(results, request, view=self) or []  # type: ignore[arg-type]
        hits = [
            {
                "id": h.obj.pk,  # type: ignore[attr-defined]
                "title": h.title,
                "kind": h.kind,
                "kind_label": h.kind_label,
                "date": h.date,
                "body": h.body.slug if h.body is not None else None,  # type: ignore[attr-defined]
                "snippet": str(h.snippet),
                "url": h.url,
            }
            for h in page
        ]
        return paginator.get_paginated_response(hits)
