from decimal import Decimal

from django import forms

from chiso.indices.planning import CAP_MODES
from chiso.lib.tabular import parse_decimal


class PointsField(forms.CharField):
    """Points written 1,5 or 1.5 (both are common in Vietnamese offices)."""

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            number = parse_decimal(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None
        if number < 0:
            raise forms.ValidationError("Điểm không được âm")
        return number.quantize(Decimal("0.0001"))


class ImportForm(forms.Form):
    index = forms.ChoiceField(label="Chỉ số")
    fmt = forms.ChoiceField(
        label="Định dạng",
        choices=[
            ("long", "Dạng dài: index, year, province, node_code, score"),
            ("papi-wide", "PAPI dạng rộng (D1…D8, total_papi)"),
        ],
    )
    file = forms.FileField(label="Tệp CSV hoặc XLSX")

    def __init__(self, *args, indices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["index"].choices = [(i.code, i.short_name) for i in indices]


class PlanForm(forms.Form):
    nam = forms.IntegerField(label="Năm kết quả", min_value=1990, max_value=2100)
    hang = forms.IntegerField(label="Thứ hạng mục tiêu", min_value=1, max_value=200)
    du_bao = forms.BooleanField(label="So với dự báo năm sau", required=False)
    gioi_han = forms.ChoiceField(
        label="Giới hạn điểm tăng", choices=list(CAP_MODES.items()), initial="best", required=False
    )

    def clean_gioi_han(self):
        return self.cleaned_data.get("gioi_han") or "best"


class NodeForm(forms.Form):
    name = forms.CharField(label="Tên", max_length=300)
    short_name = forms.CharField(label="Tên ngắn", max_length=60, required=False)
    max_points = PointsField(label="Điểm tối đa", required=False)
    note = forms.CharField(label="Ghi chú", max_length=500, required=False)


class VersionForm(forms.Form):
    name = forms.CharField(label="Tên", max_length=300)
    year_from = forms.IntegerField(label="Từ năm", min_value=1990, max_value=2100)
    year_to = forms.IntegerField(label="Đến năm", min_value=1990, max_value=2100, required=False)
    source = forms.CharField(label="Văn bản / nguồn", max_length=300, required=False)
    notes = forms.CharField(label="Ghi chú", widget=forms.Textarea, required=False)


class ResponsibilityForm(forms.Form):
    index = forms.ChoiceField(label="Chỉ số")
    node_code = forms.CharField(label="Mã thành phần (trống = tổng)", max_length=20, required=False)
    agency = forms.ChoiceField(label="Cơ quan")
    lead = forms.BooleanField(label="Chủ trì", required=False, initial=True)
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)

    def __init__(self, *args, indices=(), agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["index"].choices = [(i.code, i.short_name) for i in indices]
        self.fields["agency"].choices = [(a.code, a.name) for a in agencies]


class NewNodeForm(forms.Form):
    parent = forms.CharField(label="Mã thành phần cha (trống = cấp 1)", max_length=20, required=False)
    code = forms.CharField(label="Mã", max_length=20)
    name = forms.CharField(label="Tên", max_length=300)
    max_points = PointsField(label="Điểm tối đa", required=False)
