"""Which uploaded files we keep: an allowlist of types, recognised by content, not by name.

A file's name and its declared content type are whatever the sender says; an HTML or SVG page
named "rapport.pdf" would otherwise be stored and handed to the next reader. So the bytes
decide: PDF by its signature; PNG, JPEG and WebP by Pillow, which reads the image's header;
DOCX, XLSX and ODT, which are zip containers like any other zip, by the part inside that says
what the package is. The stored name gets the extension of what the file really is.
"""

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import DomainError
from .formatting import megabytes


@dataclass(frozen=True)
class Kind:
    label: object  # a lazy translation: what a person calls it
    mime: str
    extension: str


PDF = Kind(gettext_lazy("PDF"), "application/pdf", "pdf")
DOCX = Kind(
    gettext_lazy("Word document (DOCX)"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
)
XLSX = Kind(
    gettext_lazy("Excel workbook (XLSX)"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlsx",
)
ODT = Kind(
    gettext_lazy("OpenDocument text (ODT)"), "application/vnd.oasis.opendocument.text", "odt"
)
PNG = Kind(gettext_lazy("PNG image"), "image/png", "png")
JPEG = Kind(gettext_lazy("JPEG image"), "image/jpeg", "jpg")
WEBP = Kind(gettext_lazy("WebP image"), "image/webp", "webp")

DOCUMENTS = (PDF, DOCX, ODT, XLSX)
IMAGES = (PNG, JPEG, WEBP)
ALLOWED = DOCUMENTS + IMAGES
# For the file picker: a hint to the browser only; the content decides.
ACCEPT = ",".join(f".{k.extension}" for k in ALLOWED) + ",.jpeg"

# The main part of an Office Open XML package, as its [Content_Types].xml names it. Macro-
# enabled packages (.docm, .xlsm) and templates have other content types and are refused.
_OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
_PILLOW_FORMATS = {"PNG": PNG, "JPEG": JPEG, "WEBP": WEBP}
# The parts we read from a container are small; a larger one is not a document we know.
_PART_LIMIT = 1_000_000


def _zip_kind(file) -> Kind | None:
    try:
        with zipfile.ZipFile(file) as package:
            names = set(package.namelist())
            if "mimetype" in names:
                # ODF puts its type, uncompressed, in a first entry named "mimetype".
                first = package.infolist()[0]
                is_odt = (
                    first.filename == "mimetype"
                    and first.file_size < 100
                    and package.read(first).strip() == ODT.mime.encode()
                )
                return ODT if is_odt else None
            if "[Content_Types].xml" in names:
                info = package.getinfo("[Content_Types].xml")
                if info.file_size > _PART_LIMIT:
                    return None
                types = package.read(info).decode("utf-8", errors="replace")
                for main, kind in _OOXML_MAIN.items():
                    if f'ContentType="{main}"' in types:
                        return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, RuntimeError):
        # RuntimeError: an encrypted entry. None of these is a document we can take.
        return None
    return None


def _image_kind(file) -> Kind | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(file) as image:
            kind = _PILLOW_FORMATS.get(image.format or "")
            if kind is not None:
                image.verify()
            return kind
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return None


def identify(file) -> Kind | None:
    """The allowed kind the file's content is, or None. Leaves the file at its start."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"PK\x03\x04"):
            return _zip_kind(file)
        if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")) or (
            head[:4] == b"RIFF" and head[8:12] == b"WEBP"
        ):
            return _image_kind(file)
        return None
    finally:
        file.seek(0)


def accepted_types() -> str:
    """The accepted types in words, for help texts and errors."""
    return ", ".join(str(kind.label) for kind in ALLOWED)


def help_text() -> str:
    return _("Accepted: %(types)s; at most %(size)s MB.") % {
        "types": accepted_types(),
        "size": megabytes(settings.UPLOAD_MAX_SIZE),
    }


def validate_upload(file, field: str | None = None) -> Kind:
    """Accept the file or raise DomainError (on ``field``) that says why not. On success the
    file's name ends with the extension of what it really is."""
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, io.SEEK_END)
        size = file.tell()
        file.seek(0)
    if size == 0:
        raise DomainError(_("The file is empty."), field=field)
    if size > settings.UPLOAD_MAX_SIZE:
        raise DomainError(
            _("The file is %(size)s MB; at most %(max)s MB can be uploaded.")
            % {"size": megabytes(size), "max": megabytes(settings.UPLOAD_MAX_SIZE)},
            field=field,
        )
    kind = identify(file)
    if kind is None:
        raise DomainError(
            _("%(name)s is not a file type we accept. Accepted: %(types)s.")
            % {
                "name": PurePath(getattr(file, "name", "") or "").name or _("The file"),
                "types": accepted_types(),
            },
            field=field,
        )
    stem = PurePath(getattr(file, "name", "") or "upload").stem or "upload"
    file.name = f"{stem}.{kind.extension}"
    return kind
