"""What a person follows, with each target's name and page (bounded)."""

from django.contrib.contenttypes.models import ContentType

from .models import Follow

LIMIT = 200


def follows_of(user):
    follows = list(Follow.objects.filter(user=user).select_related("content_type")[:LIMIT])
    by_type: dict[int, list[Follow]] = {}
    for f in follows:
        if f.content_type_id:
            by_type.setdefault(f.content_type_id, []).append(f)
    for type_id, group in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        objects = model._default_manager.in_bulk([f.object_id for f in group])
        for f in group:
            f.target_object = objects.get(f.object_id)  # type: ignore[attr-defined]
    return follows


def following(user, target) -> Follow | None:
    if not getattr(user, "is_authenticated", False):
        return None
    # By the type's natural key in the same query: ContentType's own cache would make the
    # first page of a process run one query more than the rest.
    return Follow.objects.filter(
        user=user,
        content_type__app_label=target._meta.app_label,
        content_type__model=target._meta.model_name,
        object_id=target.pk,
    ).first()


def following_search(user, q) -> Follow | None:
    if not getattr(user, "is_authenticated", False) or not q:
        return None
    return Follow.objects.filter(user=user, query=q).first()
