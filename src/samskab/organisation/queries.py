"""Read-side helpers shared by the pages, the API and later apps (one place for each rule)."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from samskab.seats import dhondt

from .models import ROLE_ORDER, Body, BodyKind, Group, Membership, Person, TermOfOffice


def council(term=None):
    qs = Body.objects.filter(kind=BodyKind.COUNCIL)
    if term is not None:
        qs = qs.filter(term=term)
    return qs.order_by("-start_date").first()


def current_members(body, on=None):
    """A body's current memberships, chair first, with person and group in the same query."""
    return (
        body.memberships.current(on)
        .select_related("person", "group")
        .order_by("role", "-is_council_member", "person__name", "id")
    )


def sort_by_role(memberships):

    return sorted(
        memberships,
        key=lambda m: (ROLE_ORDER.get(m.role, 9), not m.is_council_member, m.person.name),
    )


def groups_with_sizes(term, on=None):
    """The term's groups, each with ``size``: its council members on the given day."""
    on = on or timezone.localdate()
    current = Q(memberships__body__kind=BodyKind.COUNCIL, memberships__start_date__lte=on) & (
        Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=on)
    )
    return (
        Group.objects.filter(term=term)
        .annotate(size=Count("memberships", filter=current))
        .prefetch_related("parties")
        .order_by("-size", "short_name")
    )


def council_members_by_group(council_body, on=None):
    """Current council memberships grouped by group short name (for the council page)."""
    members: dict = {}
    for membership in current_members(council_body, on):
        members.setdefault(membership.group_id, []).append(membership)
    return members


def with_member_counts(bodies):
    """The bodies (e.g. one page of a list) as a list, each with ``member_count``: all its
    memberships, current and former. One grouped query over these bodies only; counting in
    the list's own query would count for every body before the page is cut out."""
    bodies = list(bodies)
    counts = dict(
        Membership.objects.filter(body__in=bodies)
        .values_list("body")
        .annotate(n=Count("id"))
        .values_list("body", "n")
    )
    for body in bodies:
        body.member_count = counts.get(body.pk, 0)
    return bodies


def seats_of(person, on=None):
    """A person's memberships: the current ones as a list (one holds few at a time) and all
    the others, newest first, as a queryset to paginate (a long career holds hundreds)."""
    on = on or timezone.localdate()
    memberships = Membership.objects.filter(person=person).select_related("body", "group")
    current = list(memberships.current(on).order_by("-start_date", "id"))
    others = memberships.exclude(pk__in=[m.pk for m in current]).order_by("-start_date", "id")
    return current, others


def current_term():
    return TermOfOffice.current() or TermOfOffice.objects.first()


def public_people():
    """People whose names are public: those who hold or held a seat in some body."""
    return Person.objects.filter(memberships__isnull=False).distinct()


def membership_prefetch(on=None):
    """Prefetch a body's current members (with person and group) for lists and the API."""
    return Prefetch(
        "memberships",
        queryset=Membership.objects.current(on).select_related("person", "group"),
        to_attr="current_memberships",
    )


def constitution_as_one(term, groups, committees):
    """All seats of the given committees shared among the groups in one d'Hondt pick order.

    This is how the council constitutes its standing committees ("as one"). The lot, if
    the seats run into a tie, uses a seed fixed by the term so the page is reproducible; the
    council's own draw is recorded when it constitutes itself.
    """
    seats = sum(c.seats or 0 for c in committees)
    sized = [g for g in groups if g.size > 0]
    if not term or not seats or not sized:
        return None
    result = dhondt.allocate(
        seats, [dhondt.Group(g.short_name, g.size) for g in sized], seed=f"constitution {term.name}"
    )
    return {"seats": seats, "committees": committees, "result": result}
