from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "chiso.surveys"

    def ready(self):
        from chiso.dossiers.kpi_registry import KpiDef, register
        from chiso.surveys.kpi import satisfaction_provider

        register(
            KpiDef(
                code="satisfaction_pct",
                name_vi="Tỷ lệ hài lòng của người dân, tổ chức",
                definition="(Hài lòng + Rất hài lòng) / số câu trả lời hợp lệ, chỉ số chung của phiếu khảo sát",
                numerator="Chỉ số hài lòng chung × số người trả lời / 100",
                denominator="Số người trả lời có ít nhất một câu hợp lệ",
                unit="%",
                higher_is_better=True,
                source="surveys",
                provider=satisfaction_provider,
            )
        )
