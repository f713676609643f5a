from django.urls import path, re_path

from chiso.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.index, name="index"),
    path("van-ban/", views.directives, name="directives"),
    path("van-ban/<int:pk>/", views.directive_detail, name="directive"),
    path("van-ban/<int:pk>/mau-bao-cao.xlsx", views.directive_template, name="directive_template"),
    path("van-ban/<int:pk>/tep-goc/", views.directive_file, name="directive_file"),
    path("van-ban/<int:pk>/ra-soat/", views.review_page, name="review"),
    path("van-ban/<int:pk>/ra-soat/thong-tin/", views.review_metadata, name="review_metadata"),
    path("van-ban/<int:pk>/ra-soat/chap-nhan-tat-ca/", views.review_accept_all, name="review_accept_all"),
    path("van-ban/<int:pk>/ra-soat/ap-dung/", views.review_apply, name="review_apply"),
    path("van-ban/<int:pk>/ra-soat/<str:item_id>/", views.review_item, name="review_item"),
    path("nhiem-vu/", views.tasks, name="tasks"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task"),
    path("nhiem-vu/<int:pk>/sua/", views.task_edit, name="task_edit"),
    path("tieu-chi/", views.criteria_options, name="criteria"),
    path("minh-chung/<int:pk>/", views.evidence, name="evidence"),
    path("ky-bao-cao/", views.periods, name="periods"),
    path("ky-bao-cao/<int:pk>/", views.period_detail, name="period"),
    path("ky-bao-cao/<int:pk>/don-vi/<str:code>/", views.submission, name="submission"),
    path(
        "ky-bao-cao/<int:pk>/don-vi/<str:code>/mau-bao-cao.xlsx",
        views.submission_template,
        name="submission_template",
    ),
    re_path(
        r"^ky-bao-cao/(?P<pk>\d+)/tong-hop\.(?P<fmt>xlsx|docx)$", views.consolidated, name="consolidated"
    ),
    path("chi-tieu/<int:pk>/", views.target_detail, name="target"),
    path("cam-ket/", views.commitments, name="commitments"),
    path("cam-ket/<int:pk>/", views.commitment_detail, name="commitment"),
]
