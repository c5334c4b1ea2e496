from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from samskab.organisation.models import Membership


@login_required
def mine(request):
    """The person's own page: their seats and the data we hold about them."""
    person = getattr(request.user, "person", None)
    today = timezone.localdate()
    memberships = []
    if person:
        memberships = list(
            Membership.objects.filter(person=person).select_related("body").order_by("-start_date")
        )
    return render(
        request,
        "accounts/mine.html",
        {
            "person": person,
            "current": [m for m in memberships if m.is_current(today)],
            "former": [m for m in memberships if not m.is_current(today)],
        },
    )
