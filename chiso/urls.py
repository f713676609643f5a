from django.contrib.auth import views as auth_views
from django.urls import include, path

from chiso.api import api

urlpatterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/", api.urls),
    path("", include("chiso.orgs.urls")),
    path("chi-so/", include("chiso.indices.urls")),
    path("ho-so/", include("chiso.dossiers.urls")),
    path("cham-diem/", include("chiso.assessments.urls")),
    path("ke-hoach/", include("chiso.plans.urls")),
    path("khao-sat/", include("chiso.surveys.urls")),
    path("", include("chiso.dashboard.urls")),
]
