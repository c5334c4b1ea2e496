"""The terms of reference as a PDF laid out for a council agenda (WeasyPrint).

WeasyPrint needs Pango from the operating system. Where it is missing the product still
runs: the PDF links say why they are unavailable.
"""

from functools import cache
from pathlib import Path

from django.template.loader import render_to_string

STATIC_DIR = Path(__file__).resolve().parents[1] / "core" / "static"


@cache
def _weasyprint():
    # Cached per process: whether the system libraries load does not change while it runs.
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        return None, str(error)
    return weasyprint, ""


def available():
    return _weasyprint()[0] is not None


def unavailable_reason():
    return _weasyprint()[1]


def render_terms(request, task, version):
    weasyprint, _reason = _weasyprint()
    html = render_to_string(
        "taskcommittees/terms_pdf.html",
        {
            "task": task,
            "version": version,
            "is_approved": task.approved_version_id == version.pk,
            "approval": task.state_changes.filter(target="approved").order_by("-date").first(),
        },
        request=request,
    )
    # Resources (the font) are read from the vendored static files, never over the network.
    return weasyprint.HTML(string=html, base_url=str(STATIC_DIR)).write_pdf()
