"""The room's pages run the same number of queries at two sizes of a generated municipality."""

from django.utils import timezone

from samskab.organisation.models import Membership
from samskab.workspace.models import Draft, Idea, Thread


def _room_pages(data):
    body = data.working.body
    thread = Thread.objects.filter(body=body, access_level="public").order_by("pk").first()
    idea = Idea.objects.filter(body=body).order_by("pk").first()
    draft = Draft.objects.filter(body=body).order_by("pk").first()
    # The council member who sits in this committee, in both sizes: "the council member with
    # most seats" may sit in it at one size and not at the other, and members see more.
    member = (
        Membership.objects.current(timezone.localdate())
        .filter(body=body, is_council_member=True, person__user__isnull=False)
        .order_by("pk")
        .values_list("person__user__email", flat=True)
        .first()
    )
    assert member, "the generated committee has a council member with an account"
    pages = {}
    for who in ("anonymous", member, "secretariat"):
        who_label = "council member" if who == member else who
        pages[f"{who_label}: the room"] = (who, f"/rum/{body.slug}/")
        pages[f"{who_label}: the room, page 2"] = (who, f"/rum/{body.slug}/?page=2&ideer=2")
        pages[f"{who_label}: a public thread"] = (who, f"/rum/traade/{thread.pk}/")
        pages[f"{who_label}: threads in the API"] = (who, f"/api/v1/rooms/{body.slug}/threads/")
    pages["secretariat: an idea"] = ("secretariat", f"/rum/ideer/{idea.pk}/")
    pages["secretariat: a draft"] = ("secretariat", f"/rum/udkast/{draft.pk}/")
    pages["secretariat: a draft in the API"] = ("secretariat", f"/api/v1/drafts/{draft.pk}/")
    pages["secretariat: a thread in the API"] = ("secretariat", f"/api/v1/threads/{thread.pk}/")
    return pages
