"""The decision record as a PDF for the minutes (WeasyPrint, laid out like the terms of
reference's PDF).

WeasyPrint needs Pango from the operating system. Where it is missing the product still runs:
the PDF link says why it is unavailable.
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


def render_record(request, appointment, state):
    weasyprint, _reason = _weasyprint()
    html = render_to_string(
        "appointment/record_pdf.html",
        # Links in the PDF (the council meeting) are absolute: it is read away from the site.
        {**state, "appointment": appointment, "base_url": request.build_absolute_uri("/")[:-1]},
        request=request,
    )
    # Resources (the font) are read from the vendored static files, never over the network.
    return weasyprint.HTML(string=html, base_url=str(STATIC_DIR)).write_pdf()
