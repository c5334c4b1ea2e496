"""Real files made in the test: a PDF by WeasyPrint, a DOCX by python-docx, an ODT by hand."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile


def pdf_bytes(text: str) -> bytes:
    from weasyprint import HTML

    paragraphs = "".join(f"<p>{line}</p>" for line in text.split("\n"))
    return HTML(string=f"<html lang='da'><body>{paragraphs}</body></html>").write_pdf()


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


ODT_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
    ' manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/"'
    ' manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def _entry(name: str) -> zipfile.ZipInfo:
    # A fixed time (ZipInfo's default, 1980-01-01): a name alone takes the clock's time, so
    # the same package made twice would differ when the clock ticks between the two.
    return zipfile.ZipInfo(name)


def odt_bytes(text: str) -> bytes:
    from xml.sax.saxutils import escape

    paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in text.split("\n"))
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:text>{paragraphs}</office:text></office:body>"
        "</office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(_entry("mimetype"), "application/vnd.oasis.opendocument.text")
        package.writestr(_entry("META-INF/manifest.xml"), ODT_MANIFEST)
        package.writestr(_entry("content.xml"), content)
    return out.getvalue()


def broken_docx_bytes() -> bytes:
    """A package that says it is a Word document but whose text part is not XML."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(
            _entry("[Content_Types].xml"),
            '<Types><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        package.writestr(_entry("word/document.xml"), "<w:document><ikke xml")
    return out.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def pdf(name="notat.pdf", text="Trafiksikkerhed på Øregårds Allé"):
    return upload(name, pdf_bytes(text))


def docx(name="notat.docx", text="Trafiksikkerhed på Øregårds Allé"):
    return upload(name, docx_bytes(text))
