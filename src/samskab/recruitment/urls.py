from django.urls import path

from . import views

app_name = "recruitment"
urlpatterns = [
    # The public side: calls, applying, the applicant's private link, the register.
    path("deltag/", views.calls, name="calls"),
    path("deltag/interesserede/", views.register, name="register"),
    path("deltag/interesserede/<str:token>/", views.interest, name="interest"),
    path("deltag/<slug:slug>/", views.call, name="call"),
    path("deltag/<slug:slug>/ansoeg/", views.apply, name="apply"),
    path("deltag/<slug:slug>/tak/", views.sent, name="sent"),
    path("deltag/<slug:slug>/qr.svg", views.qr, name="qr"),
    path("k/<str:code>/", views.short, name="short"),
    path("ansoegning/bekraeft/<str:token>/", views.confirm, name="confirm"),
    path("ansoegning/<str:token>/", views.application, name="application"),
    path("ansoegning/<str:token>/tilbagetraek/", views.withdraw, name="withdraw"),
    path("ansoegning/<str:token>/data/", views.data, name="data"),
    path("ansoegning/<str:token>/slet/", views.erase, name="erase"),
    # The secretariat and the council.
    path("rekruttering/", views.manage, name="manage"),
    path("rekruttering/interesserede/", views.register_list, name="register_list"),
    path("rekruttering/aaben/<slug:task_slug>/", views.open_call, name="open"),
    path("rekruttering/<slug:slug>/", views.overview, name="overview"),
    path("rekruttering/<slug:slug>/rediger/", views.edit, name="edit"),
    path("rekruttering/<slug:slug>/kanaler/", views.add_channel, name="add_channel"),
    path(
        "rekruttering/<slug:slug>/kanaler/<int:pk>/fjern/",
        views.remove_channel,
        name="remove_channel",
    ),
    path("rekruttering/<slug:slug>/inviter/", views.invite, name="invite"),
    path("rekruttering/<slug:slug>/udpegning/", views.conclude, name="conclude"),
    path("rekruttering/<slug:slug>/ansoegere/", views.pool, name="pool"),
    path("rekruttering/<slug:slug>/ansoegere.csv", views.pool_csv, name="pool_csv"),
    path("rekruttering/<slug:slug>/ansoegere/<int:pk>/", views.applicant, name="applicant"),
    path("rekruttering/<slug:slug>/bredde/", views.breadth_view, name="breadth"),
]
