"""The organisation in the API: bodies, groups and people (public fields only)."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django_filters import rest_framework as filters
from rest_framework import serializers, viewsets

from samskab.organisation import queries
from samskab.organisation.models import Body, BodyKind, Group, Membership, Person


class MemberSerializer(serializers.ModelSerializer):
    """A seat in a body: public facts only (no contact data)."""

    person = serializers.IntegerField(source="person_id")
    name = serializers.CharField(source="person.name")
    group = serializers.CharField(source="group.short_name", default=None, allow_null=True)

    class Meta:
        model = Membership
        fields = [
            "person",
            "name",
            "role",
            "is_council_member",
            "group",
            "basis",
            "start_date",
            "end_date",
        ]


class BodySerializer(serializers.ModelSerializer):
    parent: serializers.SlugRelatedField = serializers.SlugRelatedField(  # type: ignore[assignment]
        slug_field="slug", read_only=True, allow_null=True
    )
    members = MemberSerializer(source="current_memberships", many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Body
        fields = [
            "id",
            "slug",
            "name",
            "short_name",
            "kind",
            "remit",
            "parent",
            "start_date",
            "end_date",
            "seats",
            "url",
            "members",
        ]


class GroupSerializer(serializers.ModelSerializer):
    term = serializers.CharField(source="term.name")
    parties: serializers.ManyRelatedField = serializers.SlugRelatedField(  # type: ignore[assignment]
        slug_field="letter", many=True, read_only=True
    )
    size = serializers.IntegerField(read_only=True)
    members = serializers.SerializerMethodField()

    class Meta:
        model = Group
        fields = ["id", "short_name", "name", "term", "parties", "size", "members"]

    def get_members(self, group) -> list[dict]:
        return [
            {"person": m.person_id, "name": m.person.name, "role": m.role}
            for m in getattr(group, "council_memberships", [])
        ]


class PersonSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Person
        fields = ["id", "name", "title", "url"]


class BodyFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=BodyKind.choices)

    class Meta:
        model = Body
        fields = ["kind"]


class BodyViewSet(viewsets.ReadOnlyModelViewSet):
    """Bodies of every kind with their current members. Filter with ``?kind=``."""

    serializer_class = BodySerializer
    filterset_class = BodyFilter
    lookup_field = "slug"

    def get_queryset(self):
        return (
            Body.objects.select_related("parent")
            .prefetch_related(queries.membership_prefetch())
            .order_by("kind", "-start_date", "name", "id")
        )


class GroupViewSet(viewsets.ReadOnlyModelViewSet):
    """The groups (valggrupper) of every term, with their current council members."""

    serializer_class = GroupSerializer

    def get_queryset(self):
        today = timezone.localdate()
        council_current = Membership.objects.current(today).filter(body__kind=BodyKind.COUNCIL)
        current = Q(memberships__in=council_current)
        return (
            Group.objects.select_related("term")
            .prefetch_related(
                "parties",
                Prefetch(
                    "memberships",
                    queryset=council_current.select_related("person"),
                    to_attr="council_memberships",
                ),
            )
            .annotate(size=Count("memberships", filter=current, distinct=True))
            .order_by("-term__start_date", "short_name", "id")
        )


class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """People who hold or held a seat in a body: public fields only."""

    serializer_class = PersonSerializer

    def get_queryset(self):
        return queries.public_people().order_by("name", "id")
