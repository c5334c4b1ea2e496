from django.urls import path

from . import views

app_name = "taskcommittees"
urlpatterns = [
    path("opgaveudvalg/", views.portfolio, name="portfolio"),
    path("opgaveudvalg/foreslaa/", views.propose, name="propose"),
    path("opfoelgning/", views.accountability, name="accountability"),
    path("opfoelgning/punkt/<int:pk>/", views.update_follow_up, name="update_follow_up"),
    path("opgaveudvalg/<slug:slug>/", views.detail, name="detail"),
    path("opgaveudvalg/<slug:slug>/trin/", views.transition, name="transition"),
    path("opgaveudvalg/<slug:slug>/kommissorium/", views.terms, name="terms"),
    path("opgaveudvalg/<slug:slug>/kommissorium/rediger/", views.edit_terms, name="edit_terms"),
    path("opgaveudvalg/<slug:slug>/kommissorium/versioner/", views.versions, name="versions"),
    path("opgaveudvalg/<slug:slug>/kommissorium/sammenlign/", views.compare, name="compare"),
    path("opgaveudvalg/<slug:slug>/kommissorium/v<int:number>/", views.version, name="version"),
    path(
        "opgaveudvalg/<slug:slug>/kommissorium/v<int:number>/pdf/",
        views.version_pdf,
        name="version_pdf",
    ),
    path("opgaveudvalg/<slug:slug>/input/", views.add_input, name="input"),
    path("opgaveudvalg/<slug:slug>/resultat/", views.delivery, name="delivery"),
    path("opgaveudvalg/<slug:slug>/resultat/rapport/", views.report, name="report"),
    path(
        "opgaveudvalg/<slug:slug>/resultat/anbefalinger/",
        views.add_recommendation,
        name="add_recommendation",
    ),
    path("opgaveudvalg/<slug:slug>/anbefalinger/<int:pk>/beslutning/", views.decide, name="decide"),
    path("opgaveudvalg/<slug:slug>/opfoelgning/", views.follow_up, name="follow_up"),
]
