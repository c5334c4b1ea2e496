"""Min side and the portal's knowledge pages run the same number of queries at two sizes of a
generated municipality: recent decisions, follow-up due, the person's committees, topic pages
with recommendations and decisions, search by state, related committees."""

from django.utils import timezone

from samskab.library.models import Tag
from samskab.organisation.models import Membership


def _pages(data):
    from django.contrib.contenttypes.models import ContentType
    from modelsearch.index import get_indexed_models

    # The search looks up each kind's content type once per process: warm that cache.
    ContentType.objects.get_for_models(*get_indexed_models())
    body = data.working.body
    # A citizen who sits in the working committee (with an account), at both sizes.
    citizen = (
        Membership.objects.current(timezone.localdate())
        .filter(body=body, is_council_member=False, person__user__isnull=False)
        .order_by("pk")
        .values_list("person__user__email", flat=True)
        .first()
    )
    assert citizen, "the generated committee has a citizen member with an account"
    topic = Tag.objects.order_by("name").first()
    assert topic is not None
    return {
        "min side of a council member": ("council member", "/konto/"),
        "min side of the secretariat": ("secretariat", "/konto/"),
        "min side of a citizen member": (citizen, "/konto/"),
        "topic page": ("anonymous", f"/emne/{topic.slug}/"),
        "topic page for a council member": ("council member", f"/emne/{topic.slug}/"),
        "search by state": ("anonymous", "/soeg/?q=skybrud&state=closed"),
        "search by state in the API": ("council member", "/api/v1/search/?q=trafik&state=working"),
        "a task committee's related committees": (citizen, f"/opgaveudvalg/{body.slug}/"),
    }
