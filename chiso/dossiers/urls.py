from django.urls import path

from chiso.dossiers import views

app_name = "dossiers"
urlpatterns = [
    path("", views.index, name="index"),
    path("766/", views.score766, name="score766"),
    path("tre-han/", views.late_list, name="late"),
    path("nhap/", views.import_page, name="import"),
    path("nhap/<int:pk>/", views.import_job, name="import_job"),
    path("lich/", views.calendar_page, name="calendar"),
    path("lich/<int:year>/", views.calendar_page, name="calendar_year"),
    path("lich/tinh-lai/", views.calendar_recalc, name="calendar_recalc"),
    path("viec/<int:pk>/chay-lai/", views.job_restart, name="job_restart"),
    path("thu-tuc/", views.procedures, name="procedures"),
    path("thu-tuc/chon/", views.procedure_options, name="procedure_options"),
    path("hs/<str:code>/", views.dossier_detail, name="detail"),
    path("hs/<str:code>/xin-loi/", views.apology_create, name="apology_create"),
    path("hs/<str:code>/xin-loi/<int:pk>.docx", views.apology_docx, name="apology_docx"),
]
