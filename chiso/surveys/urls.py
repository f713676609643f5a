from django.urls import path

from chiso.surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.index, name="index"),
]
