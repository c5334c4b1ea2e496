"""The collaboration room in the API: threads, posts, ideas, drafts, working groups and the
invited guest's link. Every action calls the same service as the page."""

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from samskab.core.access import AccessLevel
from samskab.core.errors import Conflict, DomainError
from samskab.core.pagination import paginate
from samskab.workspace import queries, services
from samskab.workspace.models import (
    ROOM_LEVELS,
    Draft,
    Idea,
    IdeaComment,
    Invitation,
    Paragraph,
    Post,
    Thread,
)

from .errors import ERROR, domain_error
from .parsers import JSONParser

MAX_ID = 2**31 - 1


# --- Serializers --------------------------------------------------------------------------


class AttachedDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    date = serializers.DateField()


class PostSerializer(serializers.ModelSerializer):
    """A post. ``attachments``: the attached library documents the caller may open (the
    context's ``attachments``, by post id, from ``queries.attachments``)."""

    author = serializers.CharField(source="author.name", read_only=True)
    text = serializers.SerializerMethodField()
    hidden = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = ["id", "author", "text", "version", "created", "edited", "hidden", "hidden_reason"]
        fields += ["attachments"]
        read_only_fields = fields

    @extend_schema_field(AttachedDocumentSerializer(many=True))
    def get_attachments(self, post) -> list[dict]:
        documents = self.context.get("attachments", {}).get(post.pk, [])
        return list(AttachedDocumentSerializer(documents, many=True).data)

    def get_text(self, post) -> str | None:
        # A hidden post's text is not shown; its reason is, in its place.
        return None if post.is_hidden else post.text

    def get_hidden(self, post) -> bool:
        return post.is_hidden


class ThreadSerializer(serializers.ModelSerializer):
    room = serializers.CharField(source="body.slug", read_only=True)
    author = serializers.CharField(source="author.name", read_only=True)

    class Meta:
        model = Thread
        fields = ["id", "room", "title", "access_level", "author", "created", "last_activity"]
        read_only_fields = fields


class ThreadDetailSerializer(ThreadSerializer):
    posts = serializers.SerializerMethodField()

    class Meta(ThreadSerializer.Meta):
        fields = ThreadSerializer.Meta.fields + ["posts"]
        read_only_fields = fields

    def get_posts(self, thread) -> list[dict]:
        request = self.context["request"]
        page = paginate(request, queries.posts(thread))
        attached = queries.attachments(request.user, page)
        return list(PostSerializer(page, many=True, context={"attachments": attached}).data)


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.name", read_only=True)

    class Meta:
        model = IdeaComment
        fields = ["id", "author", "text", "created"]
        read_only_fields = fields


class IdeaSerializer(serializers.ModelSerializer):
    room = serializers.CharField(source="body.slug", read_only=True)
    author = serializers.CharField(source="author.name", read_only=True)
    supports = serializers.IntegerField(source="n_supports", read_only=True)
    draft = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Idea
        fields = ["id", "room", "title", "text", "access_level", "author", "created", "supports"]
        fields += ["draft", "name_publicly"]
        read_only_fields = fields


class IdeaDetailSerializer(IdeaSerializer):
    comments = serializers.SerializerMethodField()
    became = serializers.SerializerMethodField()

    class Meta(IdeaSerializer.Meta):
        fields = IdeaSerializer.Meta.fields + ["comments", "became"]
        read_only_fields = fields

    def get_comments(self, idea) -> list[dict]:
        return list(CommentSerializer(idea.comments.select_related("author")[:200], many=True).data)

    def get_became(self, idea) -> dict | None:
        return _chain(idea.draft)


def _chain(draft) -> dict | None:
    """idea → draft → recommendation → decision → follow-up, as far as it has come."""
    if draft is None:
        return None
    rec = draft.recommendation
    result: dict = {"draft": draft.pk, "draft_title": draft.title, "recommendation": None}
    if rec is not None:
        item = queries.follow_up(rec)
        result["recommendation"] = {
            "number": rec.number,
            "text": rec.text,
            "decision": rec.decision,
            "decided_on": rec.decided_on,
            "reason": rec.reason,
            "follow_up": None
            if item is None
            else {
                "status": item.status,
                "owner": item.owner.slug,
                "notes": [
                    {"date": note.date, "text": note.text} for note in list(item.notes.all())[:20]
                ],
            },
        }
    return result


class ParagraphSerializer(serializers.ModelSerializer):
    changed_by = serializers.CharField(source="changed_by.name", read_only=True)
    history = serializers.SerializerMethodField()

    class Meta:
        model = Paragraph
        fields = ["number", "text", "version", "changed_by", "changed", "history", "comments"]
        read_only_fields = fields

    comments = serializers.SerializerMethodField()

    def get_comments(self, paragraph) -> list[dict]:
        return [
            {"author": c.author.name, "text": c.text, "created": c.created}
            for c in paragraph.comments.all()
        ]

    def get_history(self, paragraph) -> list[dict]:
        return [
            {"version": v.number, "text": v.text, "author": v.author.name, "saved": v.created}
            for v in paragraph.versions.all()
        ]


class DraftSerializer(serializers.ModelSerializer):
    room = serializers.CharField(source="body.slug", read_only=True)
    paragraphs = serializers.SerializerMethodField()
    ideas = serializers.SerializerMethodField()
    became = serializers.SerializerMethodField()

    class Meta:
        model = Draft
        fields = ["id", "room", "title", "created", "ideas", "paragraphs", "became"]
        read_only_fields = fields

    def get_paragraphs(self, draft) -> list[dict]:
        return list(ParagraphSerializer(queries.paragraphs(draft), many=True).data)

    def get_ideas(self, draft) -> list[int]:
        return list(draft.ideas.values_list("pk", flat=True)[:50])

    def get_became(self, draft) -> dict | None:
        return _chain(draft)


class RoomInvitationSerializer(serializers.ModelSerializer):
    room = serializers.CharField(source="body.slug", read_only=True)
    name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = Invitation
        fields = ["id", "room", "name", "expires_on", "created"]
        read_only_fields = fields


class RoomSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    kind = serializers.CharField()


# --- Input --------------------------------------------------------------------------------


DOCUMENTS_HELP = (
    "Ids of library documents to attach, which the caller may open (at most "
    f"{services.MAX_ATTACHMENTS}); readers see only those they may open."
)


class ThreadWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    text = serializers.CharField(max_length=services.TEXT_LENGTH)
    access_level = serializers.ChoiceField(choices=ROOM_LEVELS, default=AccessLevel.BODY)
    accept_code_of_conduct = serializers.BooleanField(
        default=False, help_text="Required with a person's first post in any room."
    )
    documents = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        max_length=services.MAX_ATTACHMENTS,
        default=list,
        help_text=DOCUMENTS_HELP,
    )


class GuestThreadWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    text = serializers.CharField(max_length=services.TEXT_LENGTH)
    access_level = serializers.ChoiceField(
        choices=[c for c in ROOM_LEVELS if c[0] in services.GUEST_LEVELS],
        default=AccessLevel.BODY,
    )
    accept_code_of_conduct = serializers.BooleanField(default=False)


class PostWriteSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=services.TEXT_LENGTH)
    accept_code_of_conduct = serializers.BooleanField(default=False)
    documents = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        max_length=services.MAX_ATTACHMENTS,
        default=list,
        help_text=DOCUMENTS_HELP,
    )


class GuestPostWriteSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=services.TEXT_LENGTH)
    accept_code_of_conduct = serializers.BooleanField(default=False)


class PostEditSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=services.TEXT_LENGTH)
    version = serializers.IntegerField(
        min_value=0, max_value=MAX_ID, help_text="The version the edit builds on."
    )


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


NAME_PUBLICLY_HELP = (
    "The author agrees to be named on the public follow-up page if a recommendation grows "
    "out of the idea (default false; the author may change it later)."
)


class IdeaWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    text = serializers.CharField(max_length=services.TEXT_LENGTH)
    access_level = serializers.ChoiceField(choices=ROOM_LEVELS, default=AccessLevel.BODY)
    name_publicly = serializers.BooleanField(default=False, help_text=NAME_PUBLICLY_HELP)


class GuestIdeaWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    text = serializers.CharField(max_length=services.TEXT_LENGTH)
    name_publicly = serializers.BooleanField(default=False, help_text=NAME_PUBLICLY_HELP)


class IdeaNamingSerializer(serializers.Serializer):
    name_publicly = serializers.BooleanField(help_text=NAME_PUBLICLY_HELP)


class CommentWriteSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=services.TEXT_LENGTH)


class DraftWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    ideas = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), max_length=50, default=list
    )
    text = serializers.CharField(max_length=services.TEXT_LENGTH, allow_blank=True, default="")


class ParagraphWriteSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=services.TEXT_LENGTH)


class ParagraphEditSerializer(ParagraphWriteSerializer):
    base_version = serializers.IntegerField(
        min_value=0, max_value=MAX_ID, help_text="The version the text was written on."
    )


class WorkingGroupWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    description = serializers.CharField(max_length=5000, allow_blank=True, default="")


class InvitationWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField(max_length=254)
    expires_on = serializers.DateField()


# --- Views --------------------------------------------------------------------------------


def _room(slug):
    body = queries.room(slug)
    if body is None:
        raise Http404
    return body


def _readable(found):
    if found is None:
        raise Http404
    return found


def _thread_detail(request, thread, code=status.HTTP_200_OK):
    thread = Thread.objects.select_related("body", "author").get(pk=thread.pk)
    return Response(ThreadDetailSerializer(thread, context={"request": request}).data, status=code)


class RoomThreadsView(APIView):
    """The threads of a room that the caller may read; start one."""

    @extend_schema(operation_id="room_threads_list", responses={200: ThreadSerializer(many=True)})
    def get(self, request, slug):
        body = _room(slug)
        page = paginate(request, queries.threads(request.user, body))
        return Response(ThreadSerializer(page, many=True).data)

    @extend_schema(
        operation_id="room_threads_create",
        request=ThreadWriteSerializer,
        responses={201: ThreadDetailSerializer, 400: ERROR, 403: ERROR, 409: ERROR},
    )
    def post(self, request, slug):
        body = _room(slug)
        data = ThreadWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        try:
            thread = services.start_thread(
                request.user,
                body,
                title=v["title"],
                text=v["text"],
                access_level=v["access_level"],
                accept_code=v["accept_code_of_conduct"],
                documents=v["documents"],
            )
        except DomainError as error:
            return _answer(error)
        return _thread_detail(request, thread, status.HTTP_201_CREATED)


def _post_data(user, post):
    return PostSerializer(post, context={"attachments": queries.attachments(user, [post])}).data


def _answer(error):
    """A refusal; "the room is read-only" is a conflict with the room's state (409)."""
    response = domain_error(error)
    if error.code == "state":
        response.status_code = status.HTTP_409_CONFLICT
    return response


class ThreadView(APIView):
    """A thread and a page of its posts (``?page=``)."""

    @extend_schema(operation_id="thread_retrieve", responses={200: ThreadDetailSerializer})
    def get(self, request, pk):
        thread = _readable(queries.thread_or_none(request.user, pk))
        return _thread_detail(request, thread)


class ThreadPostsView(APIView):
    """Reply in a thread."""

    @extend_schema(
        operation_id="thread_posts_create",
        request=PostWriteSerializer,
        responses={201: PostSerializer, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR},
    )
    def post(self, request, pk):
        thread = _readable(queries.thread_or_none(request.user, pk))
        data = PostWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            post = services.reply(
                request.user,
                thread,
                text=data.validated_data["text"],
                accept_code=data.validated_data["accept_code_of_conduct"],
                documents=data.validated_data["documents"],
            )
        except DomainError as error:
            return _answer(error)
        return Response(_post_data(request.user, post), status=status.HTTP_201_CREATED)


class PostView(APIView):
    """Edit one's own post: a new version, built on ``version`` (409 when it changed)."""

    @extend_schema(
        operation_id="post_update",
        request=PostEditSerializer,
        responses={200: PostSerializer, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR},
    )
    def patch(self, request, pk):
        post = _readable(queries.post_or_none(request.user, pk))
        data = PostEditSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            post = services.edit_post(request.user, post, **data.validated_data)
        except Conflict as error:
            return domain_error(error, current=PostSerializer(error.current).data)
        except DomainError as error:
            return _answer(error)
        return Response(_post_data(request.user, post))


class PostReportsView(APIView):
    """Report a post to the moderators."""

    @extend_schema(
        operation_id="post_reports_create",
        request=ReasonSerializer,
        responses={201: None, 400: ERROR, 403: ERROR, 404: ERROR},
    )
    def post(self, request, pk):
        post = _readable(queries.post_or_none(request.user, pk))
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.report_post(request.user, post, **data.validated_data)
        except DomainError as error:
            return _answer(error)
        return Response(status=status.HTTP_201_CREATED)


class PostHidingView(APIView):
    """Hide a post, with the reason shown in its place (the secretariat or the chair)."""

    @extend_schema(
        operation_id="post_hiding_create",
        request=ReasonSerializer,
        responses={200: PostSerializer, 400: ERROR, 403: ERROR, 404: ERROR},
    )
    def post(self, request, pk):
        post = _readable(queries.post_or_none(request.user, pk))
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            post = services.hide_post(request.user, post, **data.validated_data)
        except DomainError as error:
            return _answer(error)
        return Response(_post_data(request.user, post))


class RoomIdeasView(APIView):
    """The ideas of a committee that the caller may read; propose one."""

    @extend_schema(operation_id="room_ideas_list", responses={200: IdeaSerializer(many=True)})
    def get(self, request, slug):
        body = _room(slug)
        page = paginate(request, queries.ideas(request.user, body))
        return Response(IdeaSerializer(page, many=True).data)

    @extend_schema(
        operation_id="room_ideas_create",
        request=IdeaWriteSerializer,
        responses={201: IdeaDetailSerializer, 400: ERROR, 403: ERROR, 409: ERROR},
    )
    def post(self, request, slug):
        body = _room(slug)
        data = IdeaWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            idea = services.propose_idea(request.user, body, **data.validated_data)
        except DomainError as error:
            return _answer(error)
        return _idea(request, idea.pk, status.HTTP_201_CREATED)


def _idea(request, pk, code=status.HTTP_200_OK):
    idea = _readable(queries.idea_or_none(request.user, pk))
    return Response(IdeaDetailSerializer(idea).data, status=code)


class IdeaView(APIView):
    """An idea, its comments and what became of it."""

    @extend_schema(operation_id="idea_retrieve", responses={200: IdeaDetailSerializer})
    def get(self, request, pk):
        return _idea(request, pk)


class IdeaNamingView(APIView):
    """Whether the idea's author is named on the public follow-up page (the author's choice)."""

    @extend_schema(
        operation_id="idea_naming_update",
        request=IdeaNamingSerializer,
        responses={200: IdeaDetailSerializer, 400: ERROR, 403: ERROR, 404: ERROR},
    )
    def put(self, request, pk):
        idea = _readable(queries.idea_or_none(request.user, pk))
        data = IdeaNamingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.set_idea_naming(request.user, idea, **data.validated_data)
        except DomainError as error:
            return _answer(error)
        return _idea(request, pk)


class IdeaSupportView(APIView):
    """Support an idea (once)."""

    @extend_schema(
        operation_id="idea_support_create",
        request=None,
        responses={201: IdeaDetailSerializer, 400: ERROR, 403: ERROR, 404: ERROR},
    )
    def post(self, request, pk):
        idea = _readable(queries.idea_or_none(request.user, pk))
        request.data  # noqa: B018 - a malformed body is refused (400) like every other write
        try:
            services.support_idea(request.user, idea)
        except DomainError as error:
            return _answer(error)
        return _idea(request, pk, status.HTTP_201_CREATED)


class IdeaCommentsView(APIView):
    """Comment on an idea."""

    @extend_schema(
        operation_id="idea_comments_create",
        request=CommentWriteSerializer,
        responses={201: CommentSerializer, 400: ERROR, 403: ERROR, 404: ERROR},
    )
    def post(self, request, pk):
        idea = _readable(queries.idea_or_none(request.user, pk))
        data = CommentWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            comment = services.comment_idea(request.user, idea, **data.validated_data)
        except DomainError as error:
            return _answer(error)
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


class RoomDraftsView(APIView):
    """Start a draft recommendation from ideas (the secretariat or the chair)."""

    @extend_schema(
        operation_id="room_drafts_create",
        request=DraftWriteSerializer,
        responses={201: DraftSerializer, 400: ERROR, 403: ERROR, 409: ERROR},
    )
    def post(self, request, slug):
        body = _room(slug)
        data = DraftWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        wanted = set(v.pop("ideas"))
        ideas = list(queries.ideas(request.user, body).filter(pk__in=wanted))
        if len(ideas) != len(wanted):
            return Response(
                {"detail": str(_unknown_ideas()), "field": "ideas"},
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            draft = services.start_draft(request.user, body, ideas=ideas, **v)
        except DomainError as error:
            return _answer(error)
        return _draft(request, draft.pk, status.HTTP_201_CREATED)


def _unknown_ideas():
    from django.utils.translation import gettext as _

    return _("Choose ideas of this committee.")


def _draft(request, pk, code=status.HTTP_200_OK):
    draft = _readable(queries.draft_or_none(request.user, pk))
    return Response(DraftSerializer(draft).data, status=code)


class DraftView(APIView):
    """A draft recommendation: its paragraphs with who changed what, and what became of it."""

    @extend_schema(operation_id="draft_retrieve", responses={200: DraftSerializer})
    def get(self, request, pk):
        return _draft(request, pk)


class DraftParagraphsView(APIView):
    """Add a paragraph to a draft."""

    @extend_schema(
        operation_id="draft_paragraphs_create",
        request=ParagraphWriteSerializer,
        responses={201: DraftSerializer, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR},
    )
    def post(self, request, pk):
        draft = _readable(queries.draft_or_none(request.user, pk))
        data = ParagraphWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.add_paragraph(request.user, draft, **data.validated_data)
        except DomainError as error:
            return _answer(error)
        return _draft(request, pk, status.HTTP_201_CREATED)


class DraftParagraphView(APIView):
    """Save a paragraph written on ``base_version``; 409 with the current text when somebody
    saved another version meanwhile (nothing is overwritten)."""

    @extend_schema(
        operation_id="draft_paragraph_update",
        request=ParagraphEditSerializer,
        responses={200: ParagraphSerializer, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR},
    )
    def put(self, request, pk, number):
        draft = _readable(queries.draft_or_none(request.user, pk))
        paragraph = get_object_or_404(Paragraph, draft=draft, number=number)
        data = ParagraphEditSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            paragraph = services.edit_paragraph(request.user, paragraph, **data.validated_data)
        except Conflict as error:
            return domain_error(
                error,
                current=ParagraphSerializer(error.current).data,
                yours=data.validated_data["text"],
            )
        except DomainError as error:
            return _answer(error)
        return Response(ParagraphSerializer(paragraph).data)


class DraftParagraphCommentsView(APIView):
    """Comment on a paragraph of a draft."""

    @extend_schema(
        operation_id="draft_paragraph_comments_create",
        request=CommentWriteSerializer,
        responses={201: CommentSerializer, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR},
    )
    def post(self, request, pk, number):
        draft = _readable(queries.draft_or_none(request.user, pk))
        paragraph = get_object_or_404(Paragraph, draft=draft, number=number)
        data = CommentWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            comment = services.comment_paragraph(request.user, paragraph, **data.validated_data)
        except DomainError as error:
            return _answer(error)
        return Response(
            {
                "id": comment.pk,
                "author": comment.author.name,
                "text": comment.text,
                "created": comment.created,
            },
            status=status.HTTP_201_CREATED,
        )


class DraftRecommendationView(APIView):
    """Hand the draft over as one of the committee's recommendations (the secretariat)."""

    @extend_schema(
        operation_id="draft_recommendation_create",
        request=None,
        responses={201: DraftSerializer, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR},
    )
    def post(self, request, pk):
        draft = _readable(queries.draft_or_none(request.user, pk))
        request.data  # noqa: B018 - a malformed body is refused (400) like every other write
        try:
            services.hand_over(request.user, draft)
        except DomainError as error:
            return _answer(error)
        return _draft(request, pk, status.HTTP_201_CREATED)


class RoomWorkingGroupsView(APIView):
    """Create a working group in a task committee (the secretariat or the chair)."""

    @extend_schema(
        operation_id="room_working_groups_create",
        request=WorkingGroupWriteSerializer,
        responses={201: RoomSerializer, 400: ERROR, 403: ERROR, 409: ERROR},
    )
    def post(self, request, slug):
        body = _room(slug)
        data = WorkingGroupWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            group = services.create_working_group(request.user, body, **data.validated_data)
        except DomainError as error:
            return _answer(error)
        return Response(RoomSerializer(group).data, status=status.HTTP_201_CREATED)


class RoomInvitationsView(APIView):
    """Invite somebody by email to a working group, until a day: no account needed."""

    @extend_schema(
        operation_id="room_invitations_create",
        request=InvitationWriteSerializer,
        responses={201: RoomInvitationSerializer, 400: ERROR, 403: ERROR, 409: ERROR},
    )
    def post(self, request, slug):
        body = _room(slug)
        data = InvitationWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        try:
            invitation = services.invite(
                request.user,
                body,
                name=v["name"],
                email_address=v["email"],
                expires_on=v["expires_on"],
            )
        except DomainError as error:
            return _answer(error)
        return Response(RoomInvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)


def _guest(token):
    """The invitation, or the answer saying why the link does not open (410 once expired)."""
    try:
        return services.invitation_for_token(token), None
    except DomainError as error:
        code = {"expired": 410, "forged": 400}.get(error.code, 404)
        return None, Response({"detail": str(error.message), "field": None}, status=code)


class GuestView(APIView):
    """An invited guest's working group, opened by the link's token: its threads."""

    authentication_classes: list = []
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="guest_threads_list",
        responses={200: ThreadSerializer(many=True), 400: ERROR, 410: ERROR},
    )
    def get(self, request, token):
        invitation, response = _guest(token)
        if response:
            return response
        page = paginate(request, services.guest_threads(invitation).select_related("author"))
        return Response(ThreadSerializer(page, many=True).data)


class GuestThreadsView(APIView):
    """An invited guest starts a thread in their working group."""

    authentication_classes: list = []
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="guest_threads_create",
        request=GuestThreadWriteSerializer,
        responses={201: ThreadDetailSerializer, 400: ERROR, 404: ERROR, 409: ERROR, 410: ERROR},
    )
    def post(self, request, token):
        invitation, response = _guest(token)
        if response:
            return response
        data = GuestThreadWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        try:
            thread = services.guest_start_thread(
                token,
                title=v["title"],
                text=v["text"],
                access_level=v["access_level"],
                accept_code=v["accept_code_of_conduct"],
            )
        except DomainError as error:
            return _answer(error)
        return _thread_detail(request, thread, status.HTTP_201_CREATED)


class GuestIdeasView(APIView):
    """The ideas an invited guest proposed; propose one to the working group's committee."""

    authentication_classes: list = []
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="guest_ideas_list",
        responses={200: IdeaSerializer(many=True), 400: ERROR, 410: ERROR},
    )
    def get(self, request, token):
        invitation, response = _guest(token)
        if response:
            return response
        ideas = services.guest_ideas(invitation).select_related("body", "author", "draft")
        page = paginate(request, ideas.annotate(n_supports=Count("supports")))
        return Response(IdeaSerializer(page, many=True).data)

    @extend_schema(
        operation_id="guest_ideas_create",
        request=GuestIdeaWriteSerializer,
        responses={201: IdeaSerializer, 400: ERROR, 404: ERROR, 409: ERROR, 410: ERROR},
    )
    def post(self, request, token):
        invitation, response = _guest(token)
        if response:
            return response
        data = GuestIdeaWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            idea = services.guest_propose_idea(token, **data.validated_data)
        except DomainError as error:
            return _answer(error)
        idea.n_supports = 0  # type: ignore[attr-defined]
        return Response(IdeaSerializer(idea).data, status=status.HTTP_201_CREATED)


class GuestThreadView(APIView):
    """A thread of the guest's working group."""

    authentication_classes: list = []
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="guest_thread_retrieve",
        responses={200: ThreadDetailSerializer, 400: ERROR, 404: ERROR, 410: ERROR},
    )
    def get(self, request, token, pk):
        invitation, response = _guest(token)
        if response:
            return response
        thread = get_object_or_404(services.guest_threads(invitation), pk=pk)
        return _thread_detail(request, thread)


class GuestPostsView(APIView):
    """Reply in a thread of the guest's working group."""

    authentication_classes: list = []
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="guest_posts_create",
        request=GuestPostWriteSerializer,
        responses={201: PostSerializer, 400: ERROR, 404: ERROR, 409: ERROR, 410: ERROR},
    )
    def post(self, request, token, pk):
        invitation, response = _guest(token)
        if response:
            return response
        thread = get_object_or_404(services.guest_threads(invitation), pk=pk)
        data = GuestPostWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            post = services.guest_reply(
                token,
                thread,
                text=data.validated_data["text"],
                accept_code=data.validated_data["accept_code_of_conduct"],
            )
        except DomainError as error:
            return _answer(error)
        return Response(PostSerializer(post).data, status=status.HTTP_201_CREATED)


class FollowUpNewsView(APIView):
    """A former member's follow-up news, opened by the link in the email: DELETE stops it."""

    authentication_classes: list = []
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="follow_up_news_destroy",
        request=None,
        responses={204: None, 400: ERROR},
    )
    def delete(self, request, token):
        try:
            services.opt_out(token)
        except DomainError as error:
            return Response(
                {"detail": str(error.message), "field": None}, status=status.HTTP_400_BAD_REQUEST
            )
        return Response(status=status.HTTP_204_NO_CONTENT)
