from django.urls import path

from . import views

app_name = "appointment"
urlpatterns = [
    path("dhondt/", views.calculator, name="dhondt"),
    path("udpegning/", views.meetings, name="meetings"),
    path("udpegning/<int:pk>/", views.meeting, name="meeting"),
]
