"""Document and search pages: parse input, call a service or a query, render."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.errors import DomainError
from samskab.core.forms import add_domain_error
from samskab.core.pagination import paginate
from samskab.core.responses import bad_request, deny
from samskab.meetings.models import AgendaItem, Meeting
from samskab.meetings.rules import can_view_meeting
from samskab.organisation.models import Body
from samskab.taskcommittees import rules as task_rules
from samskab.taskcommittees import services as task_services
from samskab.taskcommittees.models import Delivery, TaskCommittee

from . import queries, services
from . import rules as perms
from .forms import BulkForm, MetadataForm, SearchForm, UploadForm, VersionForm, bodies_for
from .models import Document, DocumentKind, UploadBatch

SEARCH_PAGE = 20


def _posted(request):
    return request.POST if request.method == "POST" else None


def _document(request, pk):
    """The document if the visitor may open it; otherwise as if it did not exist (a login
    first for anonymous visitors, who may have access once logged in)."""
    document = queries.document_or_none(request.user, pk)
    if document is None:
        if not request.user.is_authenticated and Document.objects.filter(pk=pk).exists():
            return None, redirect_to_login(request.get_full_path())
        raise Http404
    return document, None


def _filters(request):
    """Body, kind, year and state from the query string, or a 400 page that says what was wrong."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        if "state" in form.errors:
            return None, bad_request(request, _("Unknown state: choose one from the list."))
        return None, bad_request(request, _("The search filters are not valid."))
    data = form.cleaned_data
    body = None
    if data["organ"]:
        body = Body.objects.filter(slug=data["organ"]).first()
        if body is None:
            return None, bad_request(request, _("Unknown body: choose one from the list."))
    return {
        "q": data["q"],
        "body": body,
        "kind": data["kind"],
        "year": data["year"],
        "state": data["state"],
    }, None


def _filter_context(filters, kinds=None):
    return {
        "filters": filters,
        "bodies": queries.bodies_with_documents(),
        "kinds": kinds if kinds is not None else DocumentKind.choices,
        "years": queries.years(),
        "states": queries.states(),
    }


def document_list(request):
    filters, error = _filters(request)
    if error:
        return error
    page = paginate(
        request,
        queries.list_queryset(
            request.user,
            body=filters["body"],
            kind=filters["kind"],
            year=filters["year"],
            state=filters["state"],
        ),
    )
    return render(
        request,
        "library/list.html",
        {
            "page": page,
            "can_upload": request.user.is_authenticated and bodies_for(request.user).exists(),
            "can_bulk_upload": perms.can_bulk_upload(request.user),
            **_filter_context(filters),
        },
    )


def search(request):
    filters, error = _filters(request)
    if error:
        return error
    q = queries.clean_query(filters["q"])
    page = None
    if q:
        results = queries.SearchHits(
            request.user,
            q,
            body=filters["body"],
            kind=filters["kind"],
            year=filters["year"],
            state=filters["state"],
        )
        page = paginate(request, results, per_page=SEARCH_PAGE)
    return render(
        request,
        "library/search.html",
        {"page": page, "q": q, **_filter_context(filters, queries.kinds())},
    )


def detail(request, pk):
    document, response = _document(request, pk)
    if response:
        return response
    return _detail(request, document)


def _detail(request, document, *, version_form=None, status=200):
    can_edit = perms.can_edit_document(request.user, document)
    if version_form is None and can_edit:
        version_form = VersionForm(initial={"version": document.version})
    return render(
        request,
        "library/detail.html",
        {
            "document": document,
            "versions": queries.versions(document),
            "tags": document.tags.all(),
            "can_edit": can_edit,
            "version_form": version_form,
            "meeting_visible": document.meeting_id
            and can_view_meeting(request.user, document.meeting),
            "terms_visible": document.terms_id
            and task_services.visible_versions(request.user, document.terms.task)
            .filter(pk=document.terms_id)
            .exists(),
            "delivery_visible": document.delivery_id
            and task_rules.can_view_result(request.user, document.delivery.task),
        },
        status=status,
    )


def _file_response(version):
    # Always a download: an uploaded file is never shown as a page of this site.
    return FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=version.filename,
        content_type=version.mime,
    )


def download(request, pk):
    document, response = _document(request, pk)
    if response:
        return response
    version = queries.version_of(document, document.current)
    if version is None:
        raise Http404
    return _file_response(version)


def download_version(request, pk, number):
    document, response = _document(request, pk)
    if response:
        return response
    version = queries.version_of(document, number)
    if version is None:
        raise Http404
    return _file_response(version)


def _digits(value, longest=10):
    if not value.isdigit() or len(value) > longest:
        raise Http404
    return int(value)


def _attachment(request):
    """What a new document is for: a meeting and agenda item (``?moede=<pk>&punkt=<number>``),
    a task committee's terms of reference (``?kommissorium=<slug>&version=<n>``; without a
    version the newest the visitor may read) or its result (``?resultat=<slug>``). What the
    visitor may not read is as if it did not exist."""
    found: dict[str, object] = {}
    if pk := request.GET.get("moede", ""):
        meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=_digits(pk))
        if not can_view_meeting(request.user, meeting):
            raise Http404
        found["meeting"] = meeting
        if number := request.GET.get("punkt", ""):
            found["agenda_item"] = get_object_or_404(
                AgendaItem, meeting=meeting, number=_digits(number, 4)
            )
    elif slug := request.GET.get("kommissorium", ""):
        task = get_object_or_404(TaskCommittee.objects.select_related("body"), body__slug=slug)
        versions = task_services.visible_versions(request.user, task).order_by("-number")
        if number := request.GET.get("version", ""):
            versions = versions.filter(number=_digits(number, 6))
        terms = versions.first()
        if terms is None:
            raise Http404
        found["terms"] = terms
    elif slug := request.GET.get("resultat", ""):
        task = get_object_or_404(TaskCommittee.objects.select_related("body"), body__slug=slug)
        delivery = Delivery.objects.filter(task=task).select_related("task__body").first()
        if delivery is None or not task_rules.can_view_result(request.user, task):
            raise Http404
        found["delivery"] = delivery
    return found


def _attachment_body(found):
    item = found.get("agenda_item")
    if item is not None and item.concerns_id:  # type: ignore[attr-defined]
        return item.concerns  # type: ignore[attr-defined]
    if meeting := found.get("meeting"):
        return meeting.body  # type: ignore[attr-defined]
    if terms := found.get("terms"):
        return terms.task.body  # type: ignore[attr-defined]
    if delivery := found.get("delivery"):
        return delivery.task.body  # type: ignore[attr-defined]
    return None


def _attachment_kind(found):
    if "delivery" in found:
        return DocumentKind.REPORT
    return DocumentKind.ANNEX if found else DocumentKind.OTHER


def upload(request):
    if not request.user.is_authenticated:
        return deny(request)
    found = _attachment(request)
    initial: dict[str, object] = {"kind": _attachment_kind(found)}
    if body := _attachment_body(found):
        initial["body"] = body
    elif slug := request.GET.get("organ"):
        initial["body"] = Body.objects.filter(slug=slug).first()
    form = UploadForm(_posted(request), request.FILES or None, initial=initial, user=request.user)
    if not form.fields["body"].queryset.exists():  # type: ignore[attr-defined]
        return deny(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.upload(
                request.user,
                body=data["body"],
                file=data["file"],
                title=data["title"],
                kind=data["kind"],
                date=data["date"],
                access_level=data["access_level"] or None,
                description=data["description"],
                tags=data["tags"],
                **found,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The document was filed. Its text is read shortly."))
            return redirect(document)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "library/upload.html",
        {
            "form": form,
            "meeting": found.get("meeting"),
            "item": found.get("agenda_item"),
            "terms": found.get("terms"),
            "delivery": found.get("delivery"),
        },
        status=status,
    )


@require_POST
def new_version(request, pk):
    document, response = _document(request, pk)
    if response:
        return response
    if not perms.can_edit_document(request.user, document):
        return deny(request)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_version(
                request.user,
                document,
                file=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
                version=form.cleaned_data["version"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The new version was filed."))
            return redirect(document)
    return _detail(request, document, version_form=form, status=400)


def edit(request, pk):
    document, response = _document(request, pk)
    if response:
        return response
    if not perms.can_edit_document(request.user, document):
        return deny(request)
    initial = {
        "title": document.title,
        "kind": document.kind,
        "date": document.date,
        "access_level": document.access_level,
        "description": document.description,
        "tags": ", ".join(t.name for t in document.tags.all()),
        "version": document.version,
    }
    form = MetadataForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_document(
                request.user,
                document,
                version=data["version"],
                title=data["title"],
                kind=data["kind"],
                date=data["date"],
                access_level=data["access_level"],
                description=data["description"],
                tags=data["tags"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The document was saved."))
            return redirect(document)
    status = 400 if request.method == "POST" else 200
    return render(request, "library/edit.html", {"form": form, "document": document}, status=status)


def bulk(request):
    if not perms.can_bulk_upload(request.user):
        return deny(request)
    form = BulkForm(_posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            batch = services.bulk_upload(
                request.user,
                body=data["body"],
                files=data["files"],
                kind=data["kind"],
                access_level=data["access_level"],
                date=data["date"],
                tags=data["tags"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect(batch)
    status = 400 if request.method == "POST" else 200
    return render(request, "library/bulk.html", {"form": form}, status=status)


def batch(request, pk):
    if not perms.can_bulk_upload(request.user):
        return deny(request)
    upload_batch = get_object_or_404(UploadBatch.objects.select_related("body"), pk=pk)
    context = {
        "batch": upload_batch,
        "progress": queries.batch_progress(upload_batch),
        "documents": queries.batch_documents(request.user, upload_batch)[:200],
    }
    if request.htmx:
        return render(request, "library/_batch_progress.html", context)
    return render(request, "library/batch.html", context)


def topic(request, slug):
    tag = queries.tag_or_none(slug)
    if tag is None:
        raise Http404
    page = paginate(request, queries.topic_documents(request.user, tag))
    return render(
        request,
        "library/topic.html",
        {
            "tag": tag,
            "page": page,
            "bodies": queries.topic_bodies(request.user, tag),
            "recommendations": queries.topic_recommendations(request.user, tag),
            "decisions": queries.topic_decisions(request.user, tag),
        },
    )
