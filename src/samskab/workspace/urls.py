from django.urls import path

from . import views

app_name = "workspace"
urlpatterns = [
    path("rum/<slug:slug>/", views.room, name="room"),
    path("rum/<slug:slug>/ny-traad/", views.thread_new, name="thread_new"),
    path("rum/<slug:slug>/ny-ide/", views.idea_new, name="idea_new"),
    path("rum/<slug:slug>/nyt-udkast/", views.draft_new, name="draft_new"),
    path("rum/<slug:slug>/ny-arbejdsgruppe/", views.working_group_new, name="working_group_new"),
    path("rum/<slug:slug>/inviter/", views.invite, name="invite"),
    path("rum/traade/<int:pk>/", views.thread, name="thread"),
    path("rum/traade/<int:pk>/svar/", views.reply, name="reply"),
    path("rum/indlaeg/<int:pk>/rediger/", views.post_edit, name="post_edit"),
    path("rum/indlaeg/<int:pk>/anmeld/", views.post_report, name="post_report"),
    path("rum/indlaeg/<int:pk>/skjul/", views.post_hide, name="post_hide"),
    path("rum/ideer/<int:pk>/", views.idea, name="idea"),
    path("rum/ideer/<int:pk>/kommentar/", views.idea_comment, name="idea_comment"),
    path("rum/ideer/<int:pk>/stoet/", views.idea_support, name="idea_support"),
    path("rum/ideer/<int:pk>/navngivning/", views.idea_naming, name="idea_naming"),
    path("rum/udkast/<int:pk>/", views.draft, name="draft"),
    path("rum/udkast/<int:pk>/afsnit/", views.paragraph_add, name="paragraph_add"),
    path("rum/udkast/<int:pk>/afsnit/<int:number>/", views.paragraph_edit, name="paragraph_edit"),
    path(
        "rum/udkast/<int:pk>/afsnit/<int:number>/kommentar/",
        views.paragraph_comment,
        name="paragraph_comment",
    ),
    path("rum/udkast/<int:pk>/anbefaling/", views.hand_over, name="hand_over"),
    path("rum/gaest/<str:token>/", views.guest, name="guest"),
    path("rum/gaest/<str:token>/traade/<int:pk>/", views.guest_thread, name="guest_thread"),
    path("rum/gaest/<str:token>/ny-traad/", views.guest_thread_new, name="guest_thread_new"),
    path("rum/gaest/<str:token>/ny-ide/", views.guest_idea_new, name="guest_idea_new"),
    path("rum/opfoelgning/afmeld/<str:token>/", views.opt_out, name="opt_out"),
]
