import pytest
from auditlog.models import LogEntry

from samskab.core.access import AccessLevel
from samskab.core.errors import Conflict, DomainError
from samskab.library import services
from samskab.library.models import Document, DocumentVersion, Extraction
from tests.access_matrix import meeting_world

from .files import broken_docx_bytes, docx, docx_bytes, pdf, upload


def test_upload_pdf_reads_its_text_with_danish_letters(world):
    document = services.upload(
        world.secretariat_user,
        body=world.task,
        file=pdf(text="Høringssvar om cykelstien på Jægersborg Allé"),
        title="Høringssvar",
        tags="trafik, Cykler, trafik",
    )
    document.refresh_from_db()
    assert document.extraction == Extraction.DONE
    assert "Høringssvar om cykelstien på Jægersborg Allé" in document.text
    assert sorted(document.tags.values_list("slug", flat=True)) == ["cykler", "trafik"]
    version = document.versions.get()
    assert (version.number, version.mime, version.filename) == (1, "application/pdf", "notat.pdf")
    assert LogEntry.objects.filter(additional_data__action="upload_document").count() == 1


def test_upload_docx_reads_its_text(world):
    document = services.upload(
        world.citizen_user, body=world.task, file=docx(text="Skolevej i Ordrup – æøå ÆØÅ")
    )
    document.refresh_from_db()
    assert (document.title, document.text, document.access_level) == (
        "notat",
        "Skolevej i Ordrup – æøå ÆØÅ",
        AccessLevel.BODY,
    )


def test_upload_broken_file_is_marked_not_lost(world):
    document = services.upload(
        world.secretariat_user,
        body=world.task,
        file=upload("referat.docx", broken_docx_bytes()),
        title="Referat",
    )
    document.refresh_from_db()
    assert document.extraction == Extraction.FAILED
    assert "broken XML" in document.extraction_error
    version = document.versions.get()
    with version.file.open("rb") as handle:
        assert handle.read() == broken_docx_bytes()


def test_upload_refuses_a_file_that_is_not_what_it_says(world):
    with pytest.raises(DomainError) as error:
        services.upload(
            world.secretariat_user,
            body=world.task,
            file=upload("rapport.pdf", b"<html><script>alert(1)</script></html>"),
        )
    assert error.value.field == "file"
    assert Document.objects.count() == 0


def test_upload_refuses_a_file_over_the_limit(world, settings):
    settings.UPLOAD_MAX_SIZE = 100
    with pytest.raises(DomainError) as error:
        services.upload(world.secretariat_user, body=world.task, file=docx())
    assert error.value.field == "file"


def test_upload_refused_for_someone_outside_the_body(world):
    with pytest.raises(DomainError) as error:
        services.upload(world.other_citizen_user, body=world.task, file=docx())
    assert error.value.code == "forbidden"


def test_upload_collects_every_refusal(world):
    with pytest.raises(DomainError) as error:
        services.upload(
            world.secretariat_user,
            body=world.task,
            file=docx(),
            title="x" * 301,
            kind="nonsense",
            access_level="everybody",
        )
    assert set(error.value.errors) == {"title", "kind", "access_level"}


def test_add_version_keeps_the_old_one_and_reads_the_new(world, file_document):
    document = file_document(world.task, "Kommissorium", "Første udkast")
    services.add_version(
        world.citizen_user,
        document,
        file=upload("v2.docx", docx_bytes("Andet udkast")),
        note="Rettet efter mødet",
        version=document.version,
    )
    document.refresh_from_db()
    assert (document.current, document.text) == (2, "Andet udkast")
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]


def test_add_version_refuses_a_stale_revision(world, file_document):
    document = file_document(world.task, "Kommissorium", "Første udkast")
    with pytest.raises(Conflict):
        services.add_version(
            world.secretariat_user, document, file=docx(), version=document.version + 1
        )


def test_reading_an_older_version_is_moot(world, file_document):
    document = file_document(world.task, "Kommissorium", "Første udkast")
    services.add_version(world.secretariat_user, document, file=docx(text="Nyt"))
    assert services.read_text(document.pk, 1) == "moot"
    document.refresh_from_db()
    assert document.text == "Nyt"


def test_update_document_changes_metadata_and_checks_the_revision(world, file_document):
    document = file_document(world.task, "Notat", "Tekst")
    services.update_document(
        world.secretariat_user,
        document,
        version=document.version,
        title="Notat om regnvand",
        kind="report",
        date=document.date,
        access_level=AccessLevel.COUNCIL,
        tags=["klima"],
    )
    document.refresh_from_db()
    assert (document.title, document.access_level, document.version) == (
        "Notat om regnvand",
        AccessLevel.COUNCIL,
        2,
    )
    with pytest.raises(Conflict):
        services.update_document(
            world.secretariat_user,
            document,
            version=1,
            title="Gammel",
            kind="report",
            date=None,
            access_level=AccessLevel.PUBLIC,
        )


def test_bulk_upload_files_the_good_and_lists_the_refused(world):
    batch = services.bulk_upload(
        world.secretariat_user,
        body=world.task,
        files=[
            docx("a.docx", "Første"),
            pdf("b.pdf", "Anden"),
            upload("c.exe", b"MZ\x90\x00"),
            upload("d.docx", broken_docx_bytes()),
        ],
        tags="arkiv",
    )
    assert sorted(batch.documents.values_list("title", "extraction")) == [
        ("a", Extraction.DONE),
        ("b", Extraction.DONE),
        ("d", Extraction.FAILED),
    ]
    assert [r["name"] for r in batch.refused] == ["c.exe"]
    assert DocumentVersion.objects.count() == 3


def test_bulk_upload_is_the_secretariats(world):
    with pytest.raises(DomainError):
        services.bulk_upload(world.mayor_user, body=world.task, files=[docx()])


def test_upload_refuses_every_field_that_makes_no_sense_at_once(world):
    import datetime as dt

    with pytest.raises(DomainError) as error:
        services.upload(
            world.secretariat_user,
            body=world.task,
            file=docx(),
            date=dt.date(1, 1, 1),
            description="ord " * 1300,
            tags=[f"emne {n}" for n in range(40)],
        )
    assert set(error.value.errors) == {"date", "description", "tags"}
    assert not Document.objects.exists()


def test_upload_needs_a_body_and_papers_that_belong_to_it(world):
    meeting_world(world)
    with pytest.raises(DomainError) as no_body:
        services.upload(world.secretariat_user, body=None, file=docx())
    assert no_body.value.field == "body"
    item = world.open_meeting.items.first()
    with pytest.raises(DomainError) as elsewhere:
        services.upload(
            world.secretariat_user,
            body=world.task,
            file=docx(),
            meeting=world.klima_meeting,
            agenda_item=item,
        )
    assert "agenda_item" in elsewhere.value.errors
    with pytest.raises(DomainError) as other_body:
        services.upload(
            world.secretariat_user, body=world.task, file=docx(), meeting=world.open_meeting
        )
    assert "meeting" in other_body.value.errors
    assert not Document.objects.exists()


def test_a_document_on_an_agenda_item_takes_the_meetings_access_and_a_closed_item_stays_the_bodys(
    world,
):
    meeting_world(world)
    public_item = world.open_meeting.items.first()
    public = services.upload(
        world.secretariat_user, body=world.standing, file=docx(), agenda_item=public_item
    )
    assert public.access_level == world.open_meeting.access_level
    assert public.meeting_id == world.open_meeting.pk
    closed_item = world.klima_meeting.items.get(is_closed=True)
    closed = services.upload(
        world.secretariat_user, body=world.task, file=docx(), agenda_item=closed_item
    )
    assert closed.access_level == AccessLevel.BODY
