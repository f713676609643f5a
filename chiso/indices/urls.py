from django.urls import path

from chiso.indices import views

app_name = "indices"
urlpatterns = [
    path("", views.index, name="index"),
]
