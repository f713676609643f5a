from django.urls import path

from chiso.orgs import views

app_name = "orgs"
urlpatterns = [
    path("don-vi/", views.unit_directory, name="units"),
    path("don-vi/<str:code>/", views.unit_detail, name="unit"),
    path("don-vi/<str:code>/nhap/", views.unit_import, name="unit_import"),
    path("don-vi/<str:code>/xuat/", views.unit_export, name="unit_export"),
    path("quan-tri/nguoi-dung/", views.users, name="users"),
    path("quan-tri/nguoi-dung/<int:user_id>/vai-tro/", views.role_assign, name="role_assign"),
    path("quan-tri/vai-tro/<int:assignment_id>/thu-hoi/", views.role_revoke, name="role_revoke"),
    path("quan-tri/nhat-ky/", views.audit_trail, name="audit"),
    path("tai-khoan/", views.account, name="account"),
    path("tai-khoan/khoa-api/<int:token_id>/thu-hoi/", views.token_revoke, name="token_revoke"),
    path("thong-bao/", views.inbox, name="inbox"),
    path("thong-bao/<int:pk>/doc/", views.notification_read, name="notification_read"),
]
