from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("moeder/", views.meeting_list, name="list"),
    path("moeder/kalender/", views.calendar_month, name="month"),
    path("moeder/ny/", views.plan, name="plan"),
    path("moeder/serie/ny/", views.plan_series, name="plan_series"),
    path("moeder/<int:pk>/", views.detail, name="detail"),
    path("moeder/<int:pk>/moede.ics", views.meeting_ics, name="ics"),
    path("moeder/<int:pk>/rediger/", views.edit, name="edit"),
    path("moeder/<int:pk>/aflys/", views.cancel, name="cancel"),
    path("moeder/<int:pk>/afholdt/", views.held, name="held"),
    path("moeder/<int:pk>/foreslaa/", views.propose, name="propose"),
    path("moeder/<int:pk>/fremmoede/", views.attendance, name="attendance"),
    path("moeder/<int:pk>/inviter/", views.invite, name="invite"),
    path("moeder/<int:pk>/tilmelding/", views.register, name="register"),
    path("moeder/svar/<str:token>/", views.respond, name="respond"),
    path("moeder/<int:pk>/punkter/ny/", views.item_add, name="item_add"),
    path("moeder/<int:pk>/punkter/<int:number>/", views.item_edit, name="item_edit"),
    path("moeder/<int:pk>/punkter/<int:number>/flyt/", views.item_move, name="item_move"),
    path("moeder/<int:pk>/punkter/<int:number>/slet/", views.item_remove, name="item_remove"),
    path("moeder/<int:pk>/punkter/<int:number>/referat/", views.minutes, name="minutes"),
    path("moeder/<int:pk>/punkter/<int:number>/godkend/", views.approve, name="approve"),
    path("moeder/<int:pk>/punkter/<int:number>/trin/", views.step, name="step"),
    path("kalender/offentlige-moeder.ics", views.public_feed, name="public_feed"),
    path("kalender/udvalg/<slug:slug>.ics", views.body_feed, name="body_feed"),
    path("kalender/personlig/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path("konto/kalender/", views.my_calendar, name="my_calendar"),
]
