"""The appointment's pages whose queries tests/test_scaling.py counts at two sizes."""

from samskab.appointment.models import Appointment
from samskab.organisation.models import Membership


def _appointment_pages(data):
    record = Appointment.objects.order_by("-date", "-id").first()
    vacancy_body = Membership.objects.filter(vacancy__isnull=False).values_list(
        "body__slug", flat=True
    )[:1]
    pages = {
        "secretariat: appointments": ("secretariat", "/udpegning/"),
        "secretariat: appointments, page 2": ("secretariat", "/udpegning/?page=2"),
        "council member: appointments": ("council member", "/udpegning/"),
        "anonymous: API list": ("anonymous", "/api/v1/appointments/"),
        "secretariat: a record": ("secretariat", record.get_absolute_url()),
        "anonymous: a record": ("anonymous", record.get_absolute_url()),
        "anonymous: a record by API": ("anonymous", f"/api/v1/appointments/{record.pk}/"),
    }
    if vacancy_body:
        pages["secretariat: vacancies"] = (
            "secretariat",
            f"/udpegning/udvalg/{vacancy_body[0]}/ledige-pladser/",
        )
    return pages
