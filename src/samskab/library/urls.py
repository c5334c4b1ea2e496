from django.urls import path

from . import views

app_name = "library"
urlpatterns = [
    path("soeg/", views.search, name="search"),
    path("dokumenter/", views.document_list, name="list"),
    path("dokumenter/ny/", views.upload, name="upload"),
    path("dokumenter/arkiv/", views.bulk, name="bulk"),
    path("dokumenter/arkiv/<int:pk>/", views.batch, name="batch"),
    path("dokumenter/<int:pk>/", views.detail, name="detail"),
    path("dokumenter/<int:pk>/hent/", views.download, name="download"),
    path(
        "dokumenter/<int:pk>/version/<int:number>/hent/",
        views.download_version,
        name="download_version",
    ),
    path("dokumenter/<int:pk>/ny-version/", views.new_version, name="new_version"),
    path("dokumenter/<int:pk>/rediger/", views.edit, name="edit"),
    path("emne/<slug:slug>/", views.topic, name="topic"),
]
