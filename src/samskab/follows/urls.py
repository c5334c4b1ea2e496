from django.urls import path

from . import views

app_name = "follows"
urlpatterns = [
    path("konto/foelger/", views.mine, name="mine"),
    path("foelg/", views.follow, name="follow"),
    path("foelg/<int:pk>/ophoer/", views.unfollow, name="unfollow"),
    path("foelg/afmeld/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("foelg/straks/afmeld/<str:token>/", views.stop_immediate, name="stop_immediate"),
]
