"""The room's pages: parse input, call a service or a query, render. No rule of their own."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.errors import Conflict, DomainError
from samskab.core.forms import add_domain_error
from samskab.core.pagination import PER_PAGE, paginate
from samskab.core.responses import bad_request, deny
from samskab.organisation.models import BodyKind
from samskab.organisation.rules import person_of

from . import queries, services
from . import rules as perms
from .forms import (
    CommentForm,
    DraftForm,
    EditPostForm,
    IdeaForm,
    InviteForm,
    NamingForm,
    ParagraphForm,
    PostForm,
    ReasonForm,
    ThreadForm,
    WorkingGroupForm,
)
from .models import Draft, Idea, Paragraph, Post, Thread


def _posted(request):
    return request.POST if request.method == "POST" else None


def _refused(request, error):
    """A refusal that belongs to no form: 403 when the person may not act at all."""
    if error.code == "forbidden":
        return bad_request(request, error.message, status=403)
    return bad_request(request, error.message, status=409 if error.code == "state" else 400)


def _room(request, slug):
    body = queries.room(slug)
    if body is None:
        raise Http404
    return body


def _hidden(request, model, pk):
    """An object the visitor may not read: a login first for anonymous visitors (they may
    have access once logged in), else as if it did not exist."""
    if not request.user.is_authenticated and model.objects.filter(pk=pk).exists():
        return redirect_to_login(request.get_full_path())
    raise Http404


def _first_post(request):
    person = person_of(request.user)
    return services.needs_code_of_conduct(person)


def _context(request, body):
    return {
        "body": body,
        "committee": perms.committee_body(body),
        "closed_reason": perms.closed_reason(body),
    }


# --- The room -----------------------------------------------------------------------------


def room(request, slug):
    body = _room(request, slug)
    user = request.user
    committee = perms.committee_body(body)
    return render(
        request,
        "workspace/room.html",
        {
            **_context(request, body),
            "threads": paginate(request, queries.threads(user, body)),
            "ideas": paginate(request, queries.ideas(user, body), param="ideer"),
            "drafts": queries.drafts(user, body)[:20],
            "working_groups": queries.working_groups(body),
            "invitations": queries.invitations(body) if perms.can_invite(user, body) else [],
            "is_former": perms.is_former_member_of(user, committee)
            and not perms.sits_in_room(user, body),
            "documents": queries.room_documents(user, body)
            if body.kind == BodyKind.WORKING_GROUP
            else [],
        },
    )


def thread_new(request, slug):
    body = _room(request, slug)
    if not perms.can_start_thread(request.user, body):
        if not request.user.is_authenticated or not perms.participant(request.user, body):
            return deny(request)
        return bad_request(request, perms.closed_reason(body), status=409)
    form = ThreadForm(
        _posted(request),
        first_post=_first_post(request),
        documents=queries.attachable(request.user, body),
    )
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.start_thread(
                request.user,
                body,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                access_level=form.cleaned_data["access_level"],
                accept_code=form.cleaned_data.get("accept_code", False),
                documents=[d.pk for d in form.cleaned_data["documents"]],
            )
        except DomainError as error:
            if error.code == "forbidden":
                return _refused(request, error)
            add_domain_error(form, error)
        else:
            messages.success(request, _("The thread was started."))
            return redirect(thread)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "workspace/thread_new.html",
        {
            **_context(request, body),
            "form": form,
            "code_of_conduct": services.CODE_OF_CONDUCT,
        },
        status=status,
    )


def _thread_page(request, thread, *, form=None, status=200, guest=None, token=None):
    user = request.user
    page = paginate(request, queries.posts(thread))
    for post in page:
        post.thread = thread  # the predicates below read it: no query per post
    can_reply = guest is not None or perms.can_reply(user, thread)
    first = (
        services.needs_code_of_conduct(guest.person if guest else person_of(user))
        if can_reply
        else False
    )
    if can_reply and form is None:
        form = PostForm(
            first_post=first,
            documents=None if guest else queries.attachable(user, thread.body),
        )
    attached = queries.attachments(user, page)
    rows = [
        {
            "post": post,
            "documents": attached.get(post.pk, []),
            "can_edit": guest is None and perms.can_edit_post(user, post),
            "can_report": guest is None and perms.can_report(user, post) and not post.is_hidden,
            "can_hide": guest is None and perms.can_hide(user, post) and not post.is_hidden,
        }
        for post in page
    ]
    return render(
        request,
        "workspace/thread.html",
        {
            **_context(request, thread.body),
            "thread": thread,
            "page": page,
            "rows": rows,
            # A refused post is shown with what was typed, even when the room just closed.
            "form": form,
            "code_of_conduct": services.CODE_OF_CONDUCT if first else None,
            "guest": guest,
            "token": token,
        },
        status=status,
    )


def thread(request, pk):
    found = queries.thread_or_none(request.user, pk)
    if found is None:
        return _hidden(request, Thread, pk)
    return _thread_page(request, found)


@require_POST
def reply(request, pk):
    found = queries.thread_or_none(request.user, pk)
    if found is None:
        return _hidden(request, Thread, pk)
    form = PostForm(
        request.POST,
        first_post=_first_post(request),
        documents=queries.attachable(request.user, found.body),
    )
    if form.is_valid():
        try:
            services.reply(
                request.user,
                found,
                text=form.cleaned_data["text"],
                accept_code=form.cleaned_data.get("accept_code", False),
                documents=[d.pk for d in form.cleaned_data["documents"]],
            )
        except DomainError as error:
            if error.code == "forbidden":
                return _refused(request, error)
            add_domain_error(form, error)
            status = 409 if error.code == "state" else 400
            return _thread_page(request, found, form=form, status=status)
        messages.success(request, _("Your post was added."))
        last = max(1, -(-found.posts.count() // PER_PAGE))
        return redirect(reverse("workspace:thread", args=[found.pk]) + f"?page={last}#svar")
    return _thread_page(request, found, form=form, status=400)


def _post(request, pk):
    post = queries.post_or_none(request.user, pk)
    if post is None:
        return None, _hidden(request, Post, pk)
    return post, None


def post_edit(request, pk):
    post, response = _post(request, pk)
    if response:
        return response
    if not perms.can_edit_post(request.user, post):
        if request.user.is_authenticated and not perms.is_author(request.user, post):
            return bad_request(request, _("You can only edit your own posts."), status=403)
        if not request.user.is_authenticated:
            return deny(request)
        return bad_request(
            request,
            perms.closed_reason(post.thread.body) or _("A hidden post cannot be edited."),
            status=409,
        )
    form = EditPostForm(_posted(request), initial={"text": post.text, "version": post.version})
    status, current = 200, None
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(
                request.user,
                post,
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"],
            )
        except Conflict as error:
            current = error.current
            form = EditPostForm({"text": form.cleaned_data["text"], "version": current.version})
            form.is_valid()
            form.add_error(None, str(error.message))
            status = 409
        except DomainError as error:
            if error.code == "forbidden":
                return _refused(request, error)
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your post was saved as a new version."))
            return redirect(post.thread)
    if request.method == "POST" and status == 200:
        status = 400
    return render(
        request,
        "workspace/post_edit.html",
        {
            **_context(request, post.thread.body),
            "post": post,
            "form": form,
            "current": current,
            "versions": post.versions.order_by("-number")[:20],
        },
        status=status,
    )


def _reason_page(request, pk, *, can, action, template):
    post, response = _post(request, pk)
    if response:
        return response
    if not can(request.user, post):
        return deny(request)
    form = ReasonForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            action(request.user, post, reason=form.cleaned_data["reason"])
        except DomainError as error:
            if error.code == "forbidden":
                return _refused(request, error)
            add_domain_error(form, error)
        else:
            return None, post
    status = 400 if request.method == "POST" else 200
    page = render(
        request,
        template,
        {**_context(request, post.thread.body), "post": post, "form": form},
        status=status,
    )
    return page, None


def post_report(request, pk):
    result = _reason_page(
        request,
        pk,
        can=perms.can_report,
        action=services.report_post,
        template="workspace/post_report.html",
    )
    if not isinstance(result, tuple):
        return result
    page, post = result
    if page is not None:
        return page
    messages.success(request, _("Thank you: the moderators will look at the post."))
    return redirect(post.thread)


def post_hide(request, pk):
    result = _reason_page(
        request,
        pk,
        can=perms.can_hide,
        action=services.hide_post,
        template="workspace/post_hide.html",
    )
    if not isinstance(result, tuple):
        return result
    page, post = result
    if page is not None:
        return page
    messages.success(request, _("The post is hidden; the reason is shown in its place."))
    return redirect(post.thread)


# --- Ideas --------------------------------------------------------------------------------


def idea_new(request, slug):
    body = _room(request, slug)
    if not perms.can_propose_idea(request.user, body):
        if not request.user.is_authenticated or not perms.participant(request.user, body):
            return deny(request)
        return bad_request(request, perms.closed_reason(body), status=409)
    form = IdeaForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.propose_idea(request.user, body, **form.cleaned_data)
        except DomainError as error:
            if error.code == "forbidden":
                return _refused(request, error)
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your idea was added."))
            return redirect(idea)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "workspace/idea_new.html",
        {**_context(request, body), "form": form},
        status=status,
    )


def _idea_page(request, idea, *, form=None, status=200):
    user = request.user
    draft = idea.draft
    recommendation = draft.recommendation if draft else None
    can_comment = perms.can_comment_idea(user, idea)
    person = person_of(user)
    return render(
        request,
        "workspace/idea.html",
        {
            **_context(request, idea.body),
            "idea": idea,
            "comments": idea.comments.select_related("author")[:200],
            # A refused comment shows again with its text, also when the room closed meanwhile.
            "form": form if form is not None else (CommentForm() if can_comment else None),
            "can_support": perms.can_support(user, idea)
            and not (person and idea.supports.filter(person=person).exists()),
            "draft": draft,
            "recommendation": recommendation,
            "follow_up": queries.follow_up(recommendation),
            # The author alone decides whether the public follow-up page names them.
            "naming_form": NamingForm(initial={"name_publicly": idea.name_publicly})
            if perms.can_name_author(user, idea)
            else None,
        },
        status=status,
    )


def idea(request, pk):
    found = queries.idea_or_none(request.user, pk)
    if found is None:
        return _hidden(request, Idea, pk)
    return _idea_page(request, found)


@require_POST
def idea_comment(request, pk):
    found = queries.idea_or_none(request.user, pk)
    if found is None:
        return _hidden(request, Idea, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_idea(request.user, found, text=form.cleaned_data["text"])
        except DomainError as error:
            if error.code == "forbidden":
                return _refused(request, error)
            add_domain_error(form, error)
            return _idea_page(request, found, form=form, status=400)
        messages.success(request, _("Your comment was added."))
    return redirect(found)


@require_POST
def idea_naming(request, pk):
    """The author's consent to be named on the public follow-up page, given or taken back."""
    found = queries.idea_or_none(request.user, pk)
    if found is None:
        return _hidden(request, Idea, pk)
    form = NamingForm(request.POST)
    form.is_valid()  # a checkbox: absent is "no"
    try:
        services.set_idea_naming(
            request.user, found, name_publicly=form.cleaned_data.get("name_publicly", False)
        )
    except DomainError as error:
        return _refused(request, error)
    messages.success(request, _("Your choice is saved."))
    return redirect(found)


@require_POST
def idea_support(request, pk):
    found = queries.idea_or_none(request.user, pk)
    if found is None:
        return _hidden(request, Idea, pk)
    try:
        services.support_idea(request.user, found)
    except DomainError as error:
        if error.code == "forbidden":
            return _refused(request, error)
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("You support the idea."))
    return redirect(found)


# --- Drafts -------------------------------------------------------------------------------


def draft_new(request, slug):
    body = _room(request, slug)
    if not perms.can_start_draft(request.user, body):
        return deny(request)
    open_ideas = queries.ideas(request.user, body).filter(draft__isnull=True)
    form = DraftForm(_posted(request), ideas=open_ideas)
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.start_draft(request.user, body, **form.cleaned_data)
        except DomainError as error:
            if error.code == "forbidden":
                return _refused(request, error)
            add_domain_error(form, error)
        else:
            messages.success(request, _("The draft was started."))
            return redirect(draft)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "workspace/draft_new.html",
        {**_context(request, body), "form": form},
        status=status,
    )


def _draft_page(request, draft, *, forms=None, current=None, status=200):
    user = request.user
    forms = forms or {}
    can_edit = perms.can_edit_draft(user, draft)
    can_comment = perms.can_comment_idea(user, draft)
    rows = []
    for paragraph in queries.paragraphs(draft):
        row = {
            "paragraph": paragraph,
            "versions": list(paragraph.versions.all()),
            "comments": list(paragraph.comments.all()),
        }
        if can_comment:
            row["comment_form"] = forms.get(("comment", paragraph.number)) or CommentForm(
                prefix=f"k{paragraph.number}"
            )
        if can_edit:
            row["form"] = forms.get(paragraph.number) or ParagraphForm(
                initial={"text": paragraph.text, "base_version": paragraph.version},
                prefix=f"p{paragraph.number}",
            )
            if current is not None and current.pk == paragraph.pk:
                row["current"] = current
        rows.append(row)
    recommendation = draft.recommendation
    return render(
        request,
        "workspace/draft.html",
        {
            **_context(request, draft.body),
            "draft": draft,
            "rows": rows,
            "ideas": draft.ideas.all()[:50],
            "add_form": (forms.get("add") or ParagraphForm(prefix="ny")) if can_edit else None,
            "can_hand_over": perms.can_hand_over(user, draft),
            "recommendation": recommendation,
            "follow_up": queries.follow_up(recommendation),
        },
        status=status,
    )


def _draft(request, pk):
    found = queries.draft_or_none(request.user, pk)
    if found is None:
        return None, _hidden(request, Draft, pk)
    return found, None


def draft(request, pk):
    found, response = _draft(request, pk)
    if response:
        return response
    return _draft_page(request, found)


@require_POST
def paragraph_add(request, pk):
    found, response = _draft(request, pk)
    if response:
        return response
    form = ParagraphForm(request.POST, prefix="ny")
    if form.is_valid():
        try:
            services.add_paragraph(request.user, found, text=form.cleaned_data["text"])
        except DomainError as error:
            if error.code == "forbidden":
                return _refused(request, error)
            add_domain_error(form, error)
            return _draft_page(request, found, forms={"add": form}, status=400)
        messages.success(request, _("The paragraph was added."))
    return redirect(found)


@require_POST
def paragraph_edit(request, pk, number):
    found, response = _draft(request, pk)
    if response:
        return response
    paragraph = get_object_or_404(Paragraph, draft=found, number=number)
    form = ParagraphForm(request.POST, prefix=f"p{number}")
    if not form.is_valid():
        return _draft_page(request, found, forms={number: form}, status=400)
    try:
        services.edit_paragraph(
            request.user,
            paragraph,
            text=form.cleaned_data["text"],
            base_version=form.cleaned_data["base_version"],
        )
    except Conflict as error:
        # The second writer keeps their text; the form now builds on the current version.
        current = error.current
        kept = ParagraphForm(
            {
                f"p{number}-text": form.cleaned_data["text"],
                f"p{number}-base_version": current.version,
            },
            prefix=f"p{number}",
        )
        kept.is_valid()
        kept.add_error(None, str(error.message))
        return _draft_page(request, found, forms={number: kept}, current=current, status=409)
    except DomainError as error:
        if error.code == "forbidden":
            return _refused(request, error)
        add_domain_error(form, error)
        return _draft_page(request, found, forms={number: form}, status=400)
    messages.success(request, _("The paragraph was saved as a new version."))
    return redirect(reverse("workspace:draft", args=[found.pk]) + f"#afsnit-{number}")


@require_POST
def paragraph_comment(request, pk, number):
    found, response = _draft(request, pk)
    if response:
        return response
    paragraph = get_object_or_404(Paragraph, draft=found, number=number)
    form = CommentForm(request.POST, prefix=f"k{number}")
    if form.is_valid():
        try:
            services.comment_paragraph(request.user, paragraph, text=form.cleaned_data["text"])
        except DomainError as error:
            if error.code == "forbidden":
                return _refused(request, error)
            add_domain_error(form, error)
            return _draft_page(request, found, forms={("comment", number): form}, status=400)
        messages.success(request, _("Your comment was added."))
    return redirect(reverse("workspace:draft", args=[found.pk]) + f"#afsnit-{number}")


@require_POST
def hand_over(request, pk):
    found, response = _draft(request, pk)
    if response:
        return response
    try:
        services.hand_over(request.user, found)
    except DomainError as error:
        if error.code == "forbidden":
            return _refused(request, error)
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The draft is now one of the committee's recommendations."))
    return redirect(found)


# --- Working groups and guests ------------------------------------------------------------


def working_group_new(request, slug):
    body = _room(request, slug)
    if not perms.can_create_working_group(request.user, body):
        return deny(request)
    form = WorkingGroupForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            group = services.create_working_group(request.user, body, **form.cleaned_data)
        except DomainError as error:
            if error.code == "forbidden":
                return _refused(request, error)
            add_domain_error(form, error)
        else:
            messages.success(request, _("The working group was created."))
            return redirect("workspace:room", group.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "workspace/working_group_new.html",
        {**_context(request, body), "form": form},
        status=status,
    )


def invite(request, slug):
    body = _room(request, slug)
    if not perms.can_invite(request.user, body):
        return deny(request)
    form = InviteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.invite(
                request.user,
                body,
                name=form.cleaned_data["name"],
                email_address=form.cleaned_data["email"],
                expires_on=form.cleaned_data["expires_on"],
            )
        except DomainError as error:
            if error.code == "forbidden":
                return _refused(request, error)
            add_domain_error(form, error)
        else:
            messages.success(request, _("The invitation was sent."))
            return redirect("workspace:room", body.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "workspace/invite.html",
        {**_context(request, body), "form": form},
        status=status,
    )


def _guest(request, token):
    try:
        return services.invitation_for_token(token), None
    except DomainError as error:
        status = {"expired": 410, "forged": 400}.get(error.code, 404)
        return None, bad_request(request, error.message, status=status)


def guest(request, token):
    invitation, response = _guest(request, token)
    if response:
        return response
    threads = services.guest_threads(invitation).select_related("author")
    return render(
        request,
        "workspace/guest.html",
        {
            **_context(request, invitation.body),
            "invitation": invitation,
            "threads": paginate(request, threads),
            "ideas": services.guest_ideas(invitation)[:20],
            "token": token,
        },
    )


def _guest_refused(request, error):
    if error.code in ("forbidden", "expired", "forged", "gone", "state"):
        return _refused(request, error)
    return None


def guest_thread_new(request, token):
    """An invited guest starts a thread in their working group (GET shows the form)."""
    invitation, response = _guest(request, token)
    if response:
        return response
    if perms.closed_reason(invitation.body):
        return bad_request(request, perms.closed_reason(invitation.body), status=409)
    first = services.needs_code_of_conduct(invitation.person)
    form = ThreadForm(_posted(request), first_post=first, levels=services.GUEST_LEVELS)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.guest_start_thread(
                token,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                access_level=form.cleaned_data["access_level"],
                accept_code=form.cleaned_data.get("accept_code", False),
            )
        except DomainError as error:
            refused = _guest_refused(request, error)
            if refused:
                return refused
            add_domain_error(form, error)
        else:
            messages.success(request, _("The thread was started."))
            return redirect("workspace:guest_thread", token, thread.pk)
    return render(
        request,
        "workspace/thread_new.html",
        {
            **_context(request, invitation.body),
            "form": form,
            "code_of_conduct": services.CODE_OF_CONDUCT,
            "guest": invitation,
            "token": token,
        },
        status=400 if request.method == "POST" else 200,
    )


def guest_idea_new(request, token):
    """An invited guest proposes an idea to the committee (GET shows the form)."""
    invitation, response = _guest(request, token)
    if response:
        return response
    if perms.closed_reason(invitation.body):
        return bad_request(request, perms.closed_reason(invitation.body), status=409)
    form = IdeaForm(_posted(request), guest=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.guest_propose_idea(
                token,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                name_publicly=form.cleaned_data["name_publicly"],
            )
        except DomainError as error:
            refused = _guest_refused(request, error)
            if refused:
                return refused
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your idea was added."))
            return redirect("workspace:guest", token)
    return render(
        request,
        "workspace/idea_new.html",
        {**_context(request, invitation.body), "form": form, "guest": invitation, "token": token},
        status=400 if request.method == "POST" else 200,
    )


def guest_thread(request, token, pk):
    invitation, response = _guest(request, token)
    if response:
        return response
    found = (
        services.guest_threads(invitation)
        .select_related("body", "body__parent", "author")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    if request.method != "POST":
        return _thread_page(request, found, guest=invitation, token=token)
    first = services.needs_code_of_conduct(invitation.person)
    form = PostForm(request.POST, first_post=first)
    if form.is_valid():
        try:
            services.guest_reply(
                token,
                found,
                text=form.cleaned_data["text"],
                accept_code=form.cleaned_data.get("accept_code", False),
            )
        except DomainError as error:
            if error.code in ("forbidden", "expired", "forged", "gone"):
                return _refused(request, error)
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your post was added."))
            return redirect(reverse("workspace:guest_thread", args=[token, found.pk]) + "#svar")
    return _thread_page(request, found, form=form, status=400, guest=invitation, token=token)


def opt_out(request, token):
    """The link in a follow-up email: GET asks, only the POST opts out. No account needed."""
    try:
        person, body = services.opt_out_for_token(token)
    except DomainError as error:
        return bad_request(request, error.message)
    opted_out = False
    if request.method == "POST":
        services.opt_out(token)
        opted_out = True
    return render(
        request, "workspace/opt_out.html", {"body": body, "person": person, "opted_out": opted_out}
    )
