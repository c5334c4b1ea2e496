from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.front, name="front"),
    path("konto/", views.mine, name="mine"),
]
