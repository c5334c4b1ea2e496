import pytest

from samskab.library import extract

from .files import broken_docx_bytes, docx_bytes, odt_bytes, pdf_bytes

TEXT = "Æblehaven ved Søgårdsskolen\nLokalplanen for Hellerup Havn: grønne tage og regnbede"


def test_extract_pdf_with_danish_letters():
    text = extract.extract("pdf", pdf_bytes(TEXT))
    assert "Æblehaven ved Søgårdsskolen" in text
    assert "Lokalplanen for Hellerup Havn" in text


def test_extract_docx_with_danish_letters():
    assert extract.extract("docx", docx_bytes(TEXT)) == TEXT


def test_extract_odt_with_danish_letters():
    assert extract.extract("odt", odt_bytes(TEXT)) == TEXT


def test_extract_image_has_no_text():
    assert extract.extract("png", b"\x89PNG") is None


@pytest.mark.parametrize(
    ("extension", "data"),
    [
        ("docx", broken_docx_bytes()),
        ("docx", b"PK\x03\x04 not a zip at all"),
        ("pdf", b"%PDF-1.7\n garbage"),
    ],
)
def test_extract_broken_file_raises_unreadable(extension, data):
    with pytest.raises(extract.Unreadable):
        extract.extract(extension, data)
