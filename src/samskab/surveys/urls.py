from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("", views.index, name="index"),
    path("ny/", views.open_round, name="open"),
    path("puls/moede/<int:meeting_pk>/", views.open_pulse, name="pulse"),
    path("mine/", views.mine, name="mine"),
    path("svar/<str:token>/", views.answer, name="answer"),
    path("sammenlign/", views.compare, name="compare"),
    path("sammenlign.csv", views.compare_csv, name="compare_csv"),
    path("runder/<int:pk>/", views.round_detail, name="round"),
    path("runder/<int:pk>/luk/", views.close_round, name="close"),
    path("runder/<int:pk>/offentliggoer/", views.publish_round, name="publish"),
    path("runder/<int:pk>/fritekst/", views.texts, name="texts"),
    path("runder/<int:pk>/resultater.csv", views.round_csv, name="round_csv"),
    path("spoergeskemaer/", views.question_sets, name="question_sets"),
    path("spoergeskemaer/automatik/", views.automatic, name="automatic"),
    path("spoergeskemaer/<int:pk>/", views.question_set, name="question_set"),
    path("spoergeskemaer/<int:pk>/spoergsmaal/", views.add_question, name="add_question"),
    path(
        "spoergeskemaer/<int:pk>/spoergsmaal/<int:question_pk>/",
        views.edit_question,
        name="edit_question",
    ),
    path(
        "spoergeskemaer/<int:pk>/spoergsmaal/<int:question_pk>/slet/",
        views.delete_question,
        name="delete_question",
    ),
    path("spoergeskemaer/<int:pk>/ny-version/", views.new_version, name="new_version"),
]
