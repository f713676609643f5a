from django.apps import AppConfig


class IndicesConfig(AppConfig):
    name = "chiso.indices"
