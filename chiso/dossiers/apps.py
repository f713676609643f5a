from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "chiso.dossiers"
    verbose_name = "Hồ sơ TTHC"

    def ready(self):
        from chiso.dossiers import kpis  # noqa: F401  (registers the dossier KPIs)
