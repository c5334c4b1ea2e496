import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from samskab.library import queries
from samskab.library.models import Document, Extraction
from samskab.organisation.models import Body, BodyKind

pytestmark = pytest.mark.django_db


def test_demo_files_documents_with_text_in_every_committee():
    call_command("demo")
    count = Document.objects.count()
    for body in Body.objects.filter(kind=BodyKind.TASK_COMMITTEE):
        documents = Document.objects.filter(body=body)
        assert documents.count() >= 3, body
        assert set(documents.values_list("extraction", flat=True)) == {Extraction.DONE}, body
        assert all(len(text) > 100 for text in documents.values_list("text", flat=True)), body
    assert Document.objects.filter(agenda_item__isnull=False).exists()
    # Search finds the public documents for anybody, never the members' minutes.
    found = list(queries.search(AnonymousUser(), "skybrud"))
    assert found
    assert {d.access_level for d in found} == {"public"}
    # Loading again changes nothing.
    call_command("demo")
    assert Document.objects.count() == count
