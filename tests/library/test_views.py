"""The library's pages through real HTTP: upload, versions, downloads, the archive, topics."""

from samskab.core.access import AccessLevel
from samskab.library import services
from samskab.library.models import Document, Extraction

from .files import broken_docx_bytes, docx, docx_bytes, upload


def test_upload_page_files_a_document_and_shows_its_text(world, client):
    client.force_login(world.citizen_user)
    response = client.post(
        "/dokumenter/ny/",
        {
            "body": world.task.pk,
            "file": docx(text="Grønne tage på Gentofte Rådhus"),
            "title": "Grønne tage",
            "kind": "memo",
            "tags": "klima, byrum",
        },
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/dokumenter/{document.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Grønne tage på Gentofte Rådhus" in page
    assert 'href="/emne/klima/"' in page


def test_upload_page_refuses_another_bodys_documents(world, client):
    client.force_login(world.other_citizen_user)
    response = client.post(
        "/dokumenter/ny/", {"body": world.task.pk, "file": docx(), "kind": "memo"}
    )
    assert response.status_code == 400
    assert Document.objects.count() == 0


def test_document_is_downloaded_as_an_attachment(world, client, file_document):
    document = file_document(world.task, "Notat", "Tekst", AccessLevel.PUBLIC)
    with document.versions.get().file.open("rb") as handle:
        stored = handle.read()
    response = client.get(f"/dokumenter/{document.pk}/hent/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == stored
    assert b"word/document.xml" in stored


def test_new_version_page_keeps_both_versions(world, client):
    first_bytes = docx_bytes("Første")
    document = services.upload(
        world.secretariat_user, body=world.task, file=upload("v1.docx", first_bytes)
    )
    client.force_login(world.citizen_user)
    response = client.post(
        f"/dokumenter/{document.pk}/ny-version/",
        {"file": upload("ny.docx", docx_bytes("Anden")), "note": "Rettet", "version": 1},
    )
    assert response.status_code == 302
    first = client.get(f"/dokumenter/{document.pk}/version/1/hent/")
    assert b"".join(first.streaming_content) == first_bytes
    document.refresh_from_db()
    assert document.text == "Anden"


def test_broken_file_shows_as_marked_on_its_page(world, client):
    client.force_login(world.secretariat_user)
    client.post(
        "/dokumenter/ny/",
        {"body": world.task.pk, "file": upload("r.docx", broken_docx_bytes()), "kind": "memo"},
    )
    document = Document.objects.get()
    assert document.extraction == Extraction.FAILED
    page = client.get(f"/dokumenter/{document.pk}/").content.decode()
    assert "Teksten kunne ikke læses" in page or "text could not be read" in page.lower()


def test_bulk_upload_page_shows_progress(world, client):
    client.force_login(world.secretariat_user)
    response = client.post(
        "/dokumenter/arkiv/",
        {
            "body": world.task.pk,
            "files": [docx("a.docx", "En"), docx("b.docx", "To"), upload("c.txt", b"tekst")],
            "kind": "minutes",
            "access_level": "body",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'max="2" value="2"' in page
    assert "c.txt" in page
    partial = client.get(response["Location"], headers={"HX-Request": "true"})
    assert 'id="batch-progress"' in partial.content.decode()
    assert "<html" not in partial.content.decode()


def test_meeting_page_lists_an_items_documents(world, client, file_document):
    import datetime as dt

    from django.utils import timezone

    from samskab.meetings import services as meetings

    start = timezone.now() + dt.timedelta(days=3)
    meeting = meetings.plan_meeting(
        world.secretariat_user,
        body=world.task,
        title="Møde",
        start=start,
        end=start + dt.timedelta(hours=2),
        invite=False,
    )
    item = meetings.add_item(world.secretariat_user, meeting, title="Status")
    file_document(world.task, "Bilag til status", "Tekst", AccessLevel.BODY, agenda_item=item)
    client.force_login(world.citizen_user)
    page = client.get(f"/moeder/{meeting.pk}/").content.decode()
    assert "Bilag til status" in page
    assert f"/dokumenter/ny/?moede={meeting.pk}&amp;punkt=1" in page


def test_topic_page_gathers_documents_and_committees(world, client, file_document):
    file_document(world.task, "Skybrud i Klimatilpasning", "Tekst", tags="Skybrud")
    file_document(world.other_task, "Skybrud for seniorer", "Tekst", tags="skybrud")
    file_document(world.other_task, "Hemmeligt", "Tekst", AccessLevel.BODY, tags="skybrud")
    page = client.get("/emne/skybrud/").content.decode()
    assert "Skybrud i Klimatilpasning" in page
    assert "Skybrud for seniorer" in page
    assert "Hemmeligt" not in page
    assert "Seniorliv" in page


def test_task_committee_page_shows_related_committees(world, client, file_document):
    file_document(world.task, "Skybrud", "Tekst", tags="skybrud")
    page = client.get("/udvalg/klima/").content.decode()
    assert "Skybrud" in page
    assert "Seniorliv" in page  # the same standing committee


def test_edit_page_saves_the_details_and_a_stale_edit_keeps_what_was_typed(
    world, client, file_document
):
    document = file_document(world.task, "Skybrudsplan", "Regnvand på vejene")
    client.force_login(world.secretariat_user)
    url = f"/dokumenter/{document.pk}/rediger/"
    fields = {
        "title": "Skybrudsplan for Gentofte",
        "kind": document.kind,
        "date": "24.2.2026",
        "access_level": document.access_level,
        "tags": "klima, regnvand",
        "description": "Planen efter høringen",
        "version": document.version,
    }
    saved = client.post(url, fields)
    assert saved.status_code == 302
    document.refresh_from_db()
    assert document.title == "Skybrudsplan for Gentofte"
    assert str(document.date) == "2026-02-24"
    # The same form sent again carries the revision it was opened at: somebody saved since.
    stale = client.post(url, {**fields, "title": "Min egen titel"})
    assert stale.status_code == 400
    assert "Min egen titel" in stale.content.decode()
    document.refresh_from_db()
    assert document.title == "Skybrudsplan for Gentofte"


def test_a_version_that_does_not_exist_is_not_found(world, client, file_document):
    document = file_document(world.task, "Notat", "Tekst", level="public")
    assert client.get(f"/dokumenter/{document.pk}/version/9/hent/").status_code == 404
    assert client.get(f"/dokumenter/{document.pk}/version/1/hent/").status_code == 200


def test_upload_page_for_an_agenda_item_that_is_not_there_is_not_found(world, client):
    client.force_login(world.secretariat_user)
    assert client.get("/dokumenter/ny/?moede=x").status_code == 404
    assert client.get("/dokumenter/ny/?moede=999999").status_code == 404
