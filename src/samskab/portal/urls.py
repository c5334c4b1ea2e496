from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.front, name="front"),
    path("konto/", views.mine, name="mine"),
    path("konto/api-noegler/", views.api_tokens, name="api_tokens"),
    path(
        "konto/api-noegler/<int:pk>/tilbagekald/",
        views.revoke_api_token,
        name="revoke_api_token",
    ),
]
