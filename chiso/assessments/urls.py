from django.urls import path

from chiso.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.index, name="index"),
]
