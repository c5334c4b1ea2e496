"""The room's read side: what a visitor may read, bounded whatever the data size."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from samskab.core.access import AccessLevel
from samskab.library.queries import visible_documents
from samskab.organisation.models import Body, BodyKind
from samskab.taskcommittees.models import FollowUpItem, Recommendation

from . import rules as perms
from .models import (
    ROOM_LEVELS,
    Attachment,
    Draft,
    Idea,
    IdeaComment,
    Paragraph,
    ParagraphComment,
    ParagraphVersion,
    Post,
    Support,
    Thread,
)

ROOM_KINDS = (BodyKind.TASK_COMMITTEE, BodyKind.WORKING_GROUP)


def room(slug):
    return (
        Body.objects.select_related("parent", "parent__task", "task")
        .filter(slug=slug, kind__in=ROOM_KINDS)
        .first()
    )


def levels(user, body):
    """The access levels ``user`` reaches in ``body``'s room (a few checks, no list)."""
    return [level for level, _label in ROOM_LEVELS if perms.reaches(user, level, body)]


def _count_of(model, field):
    """How many ``model`` rows point at each row shown, as a subquery: counted for the rows of
    the page after its LIMIT, not joined and grouped for every row the room ever had."""
    rows = (
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def threads(user, body):
    return (
        Thread.objects.filter(body=body, access_level__in=levels(user, body))
        .select_related("author", "body")
        .annotate(n_posts=_count_of(Post, "thread"))
        .order_by("-last_activity", "-id")
    )


def thread_or_none(user, pk):
    thread = Thread.objects.select_related("body", "body__parent", "author").filter(pk=pk).first()
    if thread is None or not perms.can_read(user, thread):
        return None
    return thread


def posts(thread):
    return Post.objects.filter(thread=thread).select_related("author")


def post_or_none(user, pk):
    post = (
        Post.objects.select_related("thread", "thread__body", "thread__body__parent", "author")
        .filter(pk=pk)
        .first()
    )
    if post is None or not perms.can_read(user, post):
        return None
    return post


def ideas(user, body):
    committee = perms.committee_body(body)
    return (
        Idea.objects.filter(body=committee, access_level__in=levels(user, committee))
        .select_related("author", "draft")
        .annotate(n_supports=_count_of(Support, "idea"), n_comments=_count_of(IdeaComment, "idea"))
        .order_by("-created", "-id")
    )


def idea_or_none(user, pk):
    idea = (
        Idea.objects.select_related("body", "author", "draft", "draft__recommendation")
        .annotate(n_supports=Count("supports", distinct=True))
        .filter(pk=pk)
        .first()
    )
    if idea is None or not perms.can_read(user, idea):
        return None
    return idea


def drafts(user, body):
    committee = perms.committee_body(body)
    if not perms.reaches(user, AccessLevel.BODY, committee):
        return Draft.objects.none()
    return Draft.objects.filter(body=committee).select_related("recommendation")


def draft_or_none(user, pk):
    draft = (
        Draft.objects.select_related(
            "body", "body__task", "recommendation", "recommendation__referred_to"
        )
        .filter(pk=pk)
        .first()
    )
    if draft is None or not perms.can_read(user, draft):
        return None
    return draft


def paragraphs(draft):
    return (
        Paragraph.objects.filter(draft=draft)
        .select_related("changed_by")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=ParagraphVersion.objects.select_related("author").order_by("-number"),
            ),
            Prefetch(
                "comments",
                queryset=ParagraphComment.objects.select_related("author").order_by(
                    "created", "id"
                ),
            ),
        )
    )


def working_groups(body):
    if body.kind != BodyKind.TASK_COMMITTEE:
        return Body.objects.none()
    return Body.objects.filter(parent=body, kind=BodyKind.WORKING_GROUP).order_by("name")


def follow_up(recommendation: Recommendation | None):
    """The follow-up of a decided recommendation, with its latest notes (or None)."""
    if recommendation is None:
        return None
    return (
        FollowUpItem.objects.select_related("owner")
        .prefetch_related("notes")
        .filter(recommendation=recommendation)
        .first()
    )


def invitations(body):
    return body.room_invitations.select_related("person").order_by("-created")[:50]


# --- Attachments and the room's library ------------------------------------------------------

ATTACHABLE = 50


def attachments(user, posts) -> dict[int, list]:
    """The documents attached to ``posts`` that ``user`` may open (the library's own filter,
    ``library.queries.visible_documents``), by post: one query for a page of posts. A hidden
    post shows none."""
    by_post: dict[int, list] = {}
    shown = [p.pk for p in posts if not p.is_hidden]
    if not shown:
        return by_post
    rows = (
        Attachment.objects.filter(post__in=shown, document__in=visible_documents(user).values("pk"))
        .select_related("document")
        .order_by("post_id", "id")
    )
    for row in rows:
        by_post.setdefault(row.post_id, []).append(row.document)
    return by_post


def attachable(user, body):
    """The documents a poster may pick in ``body``'s room: the newest of the body's (and, in a
    working group, its committee's) that they may open."""
    bodies = {body.pk, perms.committee_body(body).pk}
    ids = list(
        visible_documents(user)
        .filter(body__in=bodies)
        .order_by("-date", "-id")
        .values_list("pk", flat=True)[:ATTACHABLE]
    )
    return visible_documents(user).filter(pk__in=ids).order_by("-date", "-id")


def room_documents(user, body, limit=10):
    """A working group's own documents that ``user`` may open, newest first."""
    return visible_documents(user).filter(body=body).order_by("-date", "-id")[:limit]
