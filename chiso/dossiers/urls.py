from django.urls import path

from chiso.dossiers import views

app_name = "dossiers"
urlpatterns = [
    path("", views.index, name="index"),
]
