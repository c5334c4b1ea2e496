"""The text of an uploaded file, for search: PDF by pypdf, DOCX, ODT and XLSX by their XML.

Office files are zip packages whose text sits in one XML part; reading that part with the
standard library needs no further dependency. Expat (3.7.1+ bundles 2.4+) refuses the
entity-expansion bombs, and a part larger than ``PART_LIMIT`` is not read at all (a zip bomb
would otherwise unpack in memory). Images have no text to read.
"""

import io
import re
import zipfile
from xml.etree import ElementTree

from pypdf import PdfReader

# At most this much text is kept per document: enough for any real report, bounded for the
# index and for a page that shows a snippet.
MAX_TEXT = 2_000_000
PART_LIMIT = 50_000_000

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


class Unreadable(Exception):
    """The file is of an accepted type but its text cannot be read."""


def _part(package: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = package.getinfo(name)
    except KeyError as error:
        raise Unreadable(f"{name} is missing") from error
    if info.file_size > PART_LIMIT:
        raise Unreadable(f"{name} is too large")
    return package.read(info)


def _xml(data: bytes) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(data)  # noqa: S314 (expat refuses entity bombs)
    except ElementTree.ParseError as error:
        raise Unreadable(f"broken XML: {error}") from error


def _docx(package: zipfile.ZipFile) -> str:
    root = _xml(_part(package, "word/document.xml"))
    paragraphs = []
    for paragraph in root.iter(f"{W}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{W}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{W}tab":
                parts.append("\t")
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def _odt(package: zipfile.ZipFile) -> str:
    root = _xml(_part(package, "content.xml"))
    paragraphs = []
    for node in root.iter():
        if node.tag in (f"{TEXT_NS}p", f"{TEXT_NS}h"):
            paragraphs.append("".join(node.itertext()))
    return "\n".join(paragraphs)


def _xlsx(package: zipfile.ZipFile) -> str:
    # The shared strings hold the workbook's words; numbers say little to a search.
    try:
        root = _xml(_part(package, "xl/sharedStrings.xml"))
    except Unreadable:
        return ""
    return "\n".join("".join(si.itertext()) for si in root.iter(f"{SHEET}si"))


def _pdf(data: bytes) -> str:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise Unreadable("the PDF is encrypted")
        pages = []
        size = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            pages.append(text)
            size += len(text)
            if size > MAX_TEXT:
                break
        return "\n".join(pages)
    except Unreadable:
        raise
    except Exception as error:  # pypdf raises many kinds on a damaged file
        raise Unreadable(f"the PDF cannot be read: {type(error).__name__}") from error


def extract(extension: str, data: bytes) -> str | None:
    """The file's text, or None for a kind that has none (images). Raises ``Unreadable``."""
    if extension == "pdf":
        text = _pdf(data)
    elif extension in ("docx", "odt", "xlsx"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                text = {"docx": _docx, "odt": _odt, "xlsx": _xlsx}[extension](package)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, OSError) as error:
            raise Unreadable(f"the package cannot be opened: {type(error).__name__}") from error
    else:
        return None
    text = re.sub(r"[ \t\r\f\v]+", " ", text.replace("\x00", ""))
    text = re.sub(r"\n\s*\n+", "\n\n", text).strip()
    return text[:MAX_TEXT]
