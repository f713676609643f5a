from django.urls import path, re_path

from chiso.surveys import public, views

app_name = "surveys"
urlpatterns = [
    path("", views.index, name="index"),
    path("ket-qua/", views.results, name="results"),
    path("ket-qua.csv", views.results_csv, name="results_csv"),
    path("diem-khao-sat.csv", views.points_csv, name="points_csv"),
    path("y-kien/", views.comments, name="comments"),
    path("bieu-mau/", views.questionnaires, name="questionnaires"),
    path("bieu-mau/<int:pk>/", views.questionnaire, name="questionnaire"),
    path("bieu-mau/<int:pk>/tai/<int:vpk>/", views.download_version, name="download_version"),
    path("bieu-mau/<int:pk>/nhap-phieu/", views.import_responses, name="import_responses"),
    path("diem/tao/", views.create_point, name="create_point"),
    path("diem/<slug:slug>/", views.point, name="point"),
    path("diem/<slug:slug>/poster.pdf", views.point_poster, name="poster"),
    path("diem/<slug:slug>/qr.svg", public.qr, name="qr"),
    # The public short URL: /khao-sat/<6 letters>/ (no hyphen, so it never clashes with the pages above).
    re_path(r"^(?P<slug>[a-z0-9]{4,16})/$", public.form, name="form"),
    re_path(r"^(?P<slug>[a-z0-9]{4,16})/cam-on/$", public.thanks, name="thanks"),
]
