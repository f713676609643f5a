from django import forms

from chiso.plans.models import Operator, ScopeKind, TaskStatus


class DirectiveUploadForm(forms.Form):
    file = forms.FileField(label="Tệp văn bản (.txt, .docx, .pdf có lớp chữ)")
    title = forms.CharField(label="Trích yếu (để trống: lấy từ văn bản)", required=False, max_length=500)


class TaskUpdateForm(forms.Form):
    status = forms.ChoiceField(label="Trạng thái", choices=TaskStatus.choices)
    progress = forms.IntegerField(
        label="Tiến độ (%)",
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": "Tiến độ từ 0 đến 100",
            "max_value": "Tiến độ từ 0 đến 100",
            "invalid": "Tiến độ phải là số nguyên",
        },
    )
    text = forms.CharField(
        label="Nội dung cập nhật",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Hãy nêu nội dung cập nhật"},
    )
    evidence = forms.FileField(label="Tệp minh chứng", required=False)


class TaskEditForm(forms.Form):
    title = forms.CharField(label="Nhiệm vụ", max_length=500)
    unit = forms.CharField(label="Mã đơn vị chủ trì", max_length=40)
    deadline = forms.CharField(
        label="Thời hạn (31/12/2025, tháng 6/2025, hằng quý…)", required=False, max_length=300
    )
    # the index link is checked by actions.edit_task against the frameworks (plans.criteria)
    index_code = forms.CharField(label="Chỉ số", required=False, max_length=40)
    index_year = forms.CharField(label="Năm chỉ số", required=False, max_length=6)
    criterion_code = forms.CharField(label="Tiêu chí", required=False, max_length=40)


class TargetForm(forms.Form):
    metric_code = forms.CharField(
        label="Mã KPI (để trống nếu báo cáo thủ công)", required=False, max_length=60
    )
    metric_text = forms.CharField(label="Chỉ tiêu", max_length=500)
    operator = forms.ChoiceField(label="So sánh", choices=Operator.choices)
    value = forms.CharField(label="Giá trị", max_length=20)
    unit_label = forms.CharField(label="Đơn vị tính", required=False, max_length=40)


class CommitmentForm(forms.Form):
    unit = forms.CharField(label="Mã đơn vị", max_length=40)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    title = forms.CharField(label="Tên bản cam kết", max_length=300)
    signer_name = forms.CharField(label="Người ký (chức danh)", required=False, max_length=150)


class TargetEditForm(forms.Form):
    """The office's correction of a target; `field_code` is a select of the catalogue's procedure fields."""

    metric_text = forms.CharField(label="Chỉ tiêu", max_length=500)
    metric_code = forms.ChoiceField(label="Đo bằng KPI", required=False)
    operator = forms.ChoiceField(label="So sánh", choices=Operator.choices)
    value = forms.CharField(label="Giá trị", max_length=20)
    unit_label = forms.CharField(label="Đơn vị tính", required=False, max_length=40)
    scope = forms.ChoiceField(
        label="Phạm vi",
        required=False,
        choices=[(ScopeKind.ALL, ScopeKind.ALL.label), (ScopeKind.FIELD, ScopeKind.FIELD.label)],
    )
    field = forms.CharField(label="Lĩnh vực (theo văn bản)", required=False, max_length=120)
    field_code = forms.ChoiceField(label="Lĩnh vực thủ tục dùng để đo", required=False)

    def __init__(self, *args, kpis=(), fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric_code"].choices = [("", "— đơn vị tự báo cáo —")] + [
            (k.code, f"{k.name_vi} ({k.code})") for k in kpis
        ]
        self.fields["field_code"].choices = [("", "— nhận theo tên lĩnh vực —")] + [
            (code, f"{name} ({code})") for code, name in fields
        ]
