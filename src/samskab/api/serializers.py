from rest_framework import serializers

from samskab.organisation.models import Body, Group, Membership, Person


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
