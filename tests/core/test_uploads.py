"""Uploads are kept only when their content is one of the allowed types, whatever the name."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from samskab.core import uploads
from samskab.core.errors import DomainError

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "teal").save(buffer, format=fmt)
    return buffer.getvalue()


def ooxml(main_type: str, part: str) -> bytes:
    """A minimal Office Open XML package: its content types and its main part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Override PartName="/{part}" ContentType="{main_type}"/></Types>',
        )
        package.writestr(part, "<document/>")
    return buffer.getvalue()


def odf(mimetype: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), mimetype)  # stored, first
        package.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


ALLOWED = {
    "pdf": (PDF, uploads.PDF),
    "docx": (ooxml(WORD_MAIN, "word/document.xml"), uploads.DOCX),
    "xlsx": (ooxml(EXCEL_MAIN, "xl/workbook.xml"), uploads.XLSX),
    "odt": (odf("application/vnd.oasis.opendocument.text"), uploads.ODT),
    "png": (image("PNG"), uploads.PNG),
    "jpeg": (image("JPEG"), uploads.JPEG),
    "webp": (image("WEBP"), uploads.WEBP),
}
REFUSED = {
    "html named .pdf": (b"<!DOCTYPE html><script>alert(1)</script>", "rapport.pdf"),
    "svg named .png": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "logo.png",
    ),
    "a plain zip named .docx": (plain_zip(), "rapport.docx"),
    "a macro-enabled Word file": (
        ooxml("application/vnd.ms-word.document.macroEnabled.main+xml", "word/document.xml"),
        "rapport.docx",
    ),
    "an OpenDocument presentation named .odt": (
        odf("application/vnd.oasis.opendocument.presentation"),
        "rapport.odt",
    ),
    "a PNG signature on garbage": (b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "billede.png"),
    "a broken zip": (b"PK\x03\x04" + b"\x00" * 40, "rapport.xlsx"),
    "a Windows program": (b"MZ\x90\x00" + b"\x00" * 60, "rapport.pdf"),
    "plain text": (b"Bare tekst.", "rapport.txt"),
}


@pytest.mark.parametrize("name", list(ALLOWED))
def test_validate_upload_accepts_allowed_type_by_content_and_fixes_the_name(name):
    content, kind = ALLOWED[name]
    file = SimpleUploadedFile("rapport.txt", content)  # the name says nothing true
    assert uploads.validate_upload(file, field="report") == kind
    assert file.name == f"rapport.{kind.extension}"
    assert file.read() == content  # left at its start for storage


@pytest.mark.parametrize("case", list(REFUSED))
def test_validate_upload_refuses_what_is_not_on_the_list(case):
    content, name = REFUSED[case]
    with translation.override("en"), pytest.raises(DomainError) as refused:
        uploads.validate_upload(SimpleUploadedFile(name, content), field="report")
    assert refused.value.field == "report"
    assert str(refused.value.message) == (
        f"{name} is not a file type we accept. Accepted: PDF, Word document (DOCX), "
        "OpenDocument text (ODT), Excel workbook (XLSX), PNG image, JPEG image, WebP image."
    )


def test_validate_upload_refuses_a_file_over_the_size_limit_in_danish(settings):
    settings.UPLOAD_MAX_SIZE = 2_500_000
    file = ContentFile(PDF + b"0" * 3_000_000, name="stor.pdf")
    with pytest.raises(DomainError) as refused:
        uploads.validate_upload(file, field="report")
    assert str(refused.value.message) == "Filen fylder 3 MB; der kan højst uploades 2,5 MB."


def test_validate_upload_refuses_an_empty_file():
    with translation.override("en"), pytest.raises(DomainError) as refused:
        uploads.validate_upload(ContentFile(b"", name="tom.pdf"), field="report")
    assert str(refused.value.message) == "The file is empty."


def test_help_text_names_the_types_and_the_limit_from_the_settings(settings):
    settings.UPLOAD_MAX_SIZE = 10_000_000
    with translation.override("da"):
        assert uploads.help_text() == (
            "Tilladt: PDF, Word-dokument (DOCX), OpenDocument-tekst (ODT), "
            "Excel-regneark (XLSX), PNG-billede, JPEG-billede, WebP-billede; højst 10 MB."
        )
