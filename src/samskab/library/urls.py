from django.urls import path

from . import views

app_name = "library"
urlpatterns = [
    path("dokumenter/", views.document_list, name="list"),
]
