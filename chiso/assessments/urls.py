from django.urls import path

from chiso.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.index, name="index"),
    path("bo-tieu-chi/", views.criteria_sets, name="criteria_sets"),
    path("bo-tieu-chi/mau.xlsx", views.criteria_template, name="criteria_template"),
    path("bo-tieu-chi/<int:pk>/", views.criteria_set, name="criteria_set"),
    path("bo-tieu-chi/<int:pk>/tieu-chi/<str:code>/", views.criterion_edit, name="criterion_edit"),
    path("bo-tieu-chi/<int:pk>/xlsx/", views.criteria_set_xlsx, name="criteria_set_xlsx"),
    path("bo-tieu-chi/<int:pk>/sao-chep/", views.criteria_set_copy, name="criteria_set_copy"),
    path("dot/moi/", views.campaign_new, name="campaign_new"),
    path("dot/<int:pk>/", views.campaign, name="campaign"),
    path("dot/<int:pk>/phe-duyet/", views.campaign_approve, name="campaign_approve"),
    path("dot/<int:pk>/ket-qua/", views.results, name="results"),
    path("dot/<int:pk>/ket-qua.<str:fmt>", views.results, name="results_export"),
    path("dot/<int:pk>/<slug:what>/", views.campaign_action, name="campaign_action"),
    path("danh-gia/<int:pk>/", views.self_assessment, name="self"),
    path("danh-gia/<int:pk>/tinh-thu/", views.self_preview, name="self_preview"),
    path("danh-gia/<int:pk>/nop/", views.submit, name="submit"),
    path("danh-gia/<int:pk>/tai-lieu/<int:entry_id>/", views.upload_evidence, name="upload"),
    path("danh-gia/<int:pk>/tham-dinh/", views.appraise, name="appraise"),
    path("danh-gia/<int:pk>/giai-trinh/", views.explain, name="explain"),
    path("danh-gia/<int:pk>/diem-bi-tru/", views.points_lost, name="points_lost"),
    path("tai-lieu/<int:ev_id>/", views.evidence_file, name="evidence"),
    path("tai-lieu/<int:ev_id>/xoa/", views.delete_evidence, name="evidence_delete"),
    path("cong-khai/", views.public, name="public"),
    path("cong-khai/<int:pk>/", views.public, name="public_campaign"),
]
