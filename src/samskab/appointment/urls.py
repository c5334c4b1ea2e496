from django.urls import path

from . import views

app_name = "appointment"
urlpatterns = [
    path("dhondt/", views.calculator, name="dhondt"),
    path("udpegning/", views.meetings, name="meetings"),
    path("udpegning/ny/", views.start, name="start"),
    path("udpegning/<int:pk>/", views.meeting, name="meeting"),
    path("udpegning/<int:pk>/valg/", views.pick, name="pick"),
    path("udpegning/<int:pk>/formand/", views.chairs, name="chairs"),
    path("udpegning/<int:pk>/beslutning.pdf", views.record_pdf, name="record_pdf"),
    path("udpegning/udvalg/<slug:slug>/ledige-pladser/", views.vacancies, name="vacancies"),
    path(
        "udpegning/udvalg/<slug:slug>/ledige-pladser/besaet/",
        views.fill_vacancy,
        name="fill_vacancy",
    ),
]
