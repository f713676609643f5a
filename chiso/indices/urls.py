from django.urls import path

from chiso.indices import views

app_name = "indices"
urlpatterns = [
    path("", views.overview, name="index"),
    path("khung/", views.frameworks, name="frameworks"),
    path("khung/<slug:code>/", views.framework_version, name="framework"),
    path("khung/thanh-phan/<int:pk>/", views.node_edit, name="node_edit"),
    path("khung/thanh-phan/<int:pk>/xoa/", views.node_delete, name="node_delete"),
    path("khung/<slug:code>/them/", views.node_add, name="node_add"),
    path("nhap-ket-qua/", views.import_results, name="import"),
    path("phan-cong/<str:code>/", views.responsibilities, name="responsibilities"),
    path("phan-cong/<str:code>/mac-dinh/", views.responsibility_defaults, name="responsibility_defaults"),
    path("phan-cong/<str:code>/<int:pk>/xoa/", views.responsibility_delete, name="responsibility_delete"),
    path("<slug:index>/", views.index_home, name="index_home"),
    path("<slug:index>/nam/<int:year>/", views.year_table, name="year"),
    path("<slug:index>/tinh/<str:code>/", views.province_profile, name="profile"),
    path("<slug:index>/tinh/<str:code>/tang-hang/", views.planner_page, name="planner"),
]
