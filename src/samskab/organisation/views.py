from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.core.cache import public_page
from samskab.core.pagination import paginate
from samskab.core.responses import bad_request

from . import queries
from .models import BODY_KIND_PLURALS, Body, BodyKind, Person
from .rules import is_secretariat


@public_page
def council(request):
    term = queries.current_term()
    council_body = queries.council(term) if term else None
    groups = list(queries.groups_with_sizes(term)) if term else []
    members = queries.council_members_by_group(council_body) if council_body else {}
    for group in groups:
        group.current_members = members.get(group.pk, [])
    standing = list(
        Body.objects.filter(kind__in=[BodyKind.FINANCE_COMMITTEE, BodyKind.STANDING_COMMITTEE])
        .select_related("parent")
        .active()
        .order_by("kind", "name")
    )
    context = {
        "term": term,
        "council": council_body,
        "groups": groups,
        "standing": standing,
        "seat_total": sum(g.size for g in groups),
        "group_labels": {g.short_name: g.label for g in groups},
    }
    context["constitution"] = queries.constitution_as_one(term, groups, standing)
    return render(request, "organisation/council.html", context)


@public_page
def bodies(request):
    kind = request.GET.get("kind", "")
    qs = Body.objects.select_related("parent")
    if kind:
        if kind not in BodyKind.values:
            return bad_request(request, _("Unknown kind of body: choose one from the list."))
        qs = qs.filter(kind=kind)
    status = request.GET.get("status", "")
    today = timezone.localdate()
    if status == "active":
        qs = qs.active(today)
    elif status == "ended":
        qs = qs.filter(end_date__lt=today)
    elif status:
        return bad_request(request, _("Unknown status: choose active or ended."))
    page = paginate(request, qs.order_by("kind", "-start_date", "name"))
    page.object_list = queries.with_member_counts(page.object_list)
    kinds = [(value, BODY_KIND_PLURALS[value]) for value in BodyKind.values]
    return render(
        request,
        "organisation/bodies.html",
        {"page": page, "kind": kind, "status": status, "kinds": kinds, "today": today},
    )


@public_page
def body(request, slug):
    body = get_object_or_404(Body.objects.select_related("parent", "term"), slug=slug)
    today = timezone.localdate()
    current = queries.sort_by_role(queries.current_members(body, today))
    former = paginate(
        request,
        body.memberships.former(today)
        .select_related("person", "group")
        .order_by("-end_date", "person__name"),
        param="former",
    )
    children = list(body.children.order_by("kind", "-start_date", "name"))
    return render(
        request,
        "organisation/body.html",
        {
            "body": body,
            "current": current,
            "former": former,
            "children": children,
            "today": today,
            "kind_plural": BODY_KIND_PLURALS[body.kind],
        },
    )


@public_page
def person(request, pk):
    person = get_object_or_404(Person, pk=pk)
    current, others = queries.seats_of(person)
    former = paginate(request, others, param="former")
    if not current and not former.paginator.count and not is_secretariat(request.user):
        # Someone who never held a seat (e.g. an applicant) has no public page.
        raise Http404
    return render(
        request,
        "organisation/person.html",
        {"person": person, "current": current, "former": former},
    )
