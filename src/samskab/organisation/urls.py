from django.urls import path

from . import views

app_name = "organisation"
urlpatterns = [
    path("kommunalbestyrelsen/", views.council, name="council"),
    path("udvalg/", views.bodies, name="bodies"),
    path("udvalg/<slug:slug>/", views.body, name="body"),
    path("personer/<int:pk>/", views.person, name="person"),
]
