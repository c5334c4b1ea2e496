import pytest

from samskab.core.access import AccessLevel
from samskab.library import services
from samskab.library.models import DocumentKind

from .files import docx_bytes, pdf_bytes, upload


@pytest.fixture
def file_document(world):
    """Filing helper: ``file_document(body, title, text, level)`` uploads a real DOCX."""

    def make(body, title, text, level=AccessLevel.PUBLIC, kind=DocumentKind.MEMO, **kwargs):
        return services.upload(
            world.secretariat_user,
            body=body,
            file=upload(f"{title[:20]}.docx", docx_bytes(text)),
            title=title,
            kind=kind,
            access_level=level,
            **kwargs,
        )

    return make


@pytest.fixture
def pdf_document(world):
    def make(body, title, text, level=AccessLevel.PUBLIC):
        return services.upload(
            world.secretariat_user,
            body=body,
            file=upload("bilag.pdf", pdf_bytes(text)),
            title=title,
            access_level=level,
        )

    return make
