import datetime as dt
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from samskab.library import queries
from samskab.library.models import Document, DocumentVersion

pytestmark = pytest.mark.django_db


def test_generate_makes_searchable_documents_in_proportion_to_the_scale(client):
    call_command(
        "generate",
        scale=0.01,
        today=dt.date(2026, 11, 27),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert Document.objects.count() == 1000
    assert DocumentVersion.objects.count() == 1000
    assert Document.objects.filter(date__gt=dt.date(2026, 11, 27)).count() == 0
    found = queries.search(AnonymousUser(), "skybrud")
    assert found.count() > 0
    assert {d.access_level for d in found[:50]} == {"public"}
    document = Document.objects.filter(access_level="public").first()
    response = client.get(f"/dokumenter/{document.pk}/hent/")
    assert response.status_code == 200
    # The other kinds are indexed too, although the steps write them with bulk_create.
    from samskab.organisation.models import Body

    body = Body.objects.order_by("pk").last()
    word = body.name.split()[-1]
    hits = queries.SearchHits(AnonymousUser(), word, kind="body")
    assert body.name in [h.title for h in hits]
    # Related committees by similar text are worked out as the worker would after a save: a
    # committee's page of the generated municipality shows them, as the real one does.
    from samskab.library.models import SimilarBody

    assert SimilarBody.objects.exists()
    pair = SimilarBody.objects.select_related("body", "other").first()
    page = client.get(pair.body.get_absolute_url()).content.decode()
    assert pair.other.name in page
