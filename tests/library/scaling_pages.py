"""The library's pages whose queries tests/test_scaling.py counts at two sizes."""


def _pages(data):
    from django.contrib.contenttypes.models import ContentType
    from modelsearch.index import get_indexed_models

    from samskab.library.models import Document

    # The search looks up each kind's content type once per process (Django caches them): warm
    # that cache here, so the figures compare the data sizes and not a cold start.
    ContentType.objects.get_for_models(*get_indexed_models())

    body = data.working.body.slug
    document = Document.objects.filter(access_level="public").order_by("pk").first()
    return {
        "documents": ("anonymous", "/dokumenter/"),
        "documents of a body": ("council member", f"/dokumenter/?organ={body}"),
        "search": ("anonymous", "/soeg/?q=skybrud"),
        "search as the secretariat": ("secretariat", "/soeg/?q=lokalplan&kind=memo"),
        "document": ("council member", f"/dokumenter/{document.pk}/"),
        "min side": ("council member", "/konto/"),
        "min side of the secretariat": ("secretariat", "/konto/"),
        "search API": ("council member", "/api/v1/search/?q=skybrud"),
        "documents API": ("anonymous", "/api/v1/documents/"),
    }
