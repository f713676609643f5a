from django import forms

MAX_UPLOAD = 20 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp")

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_UPLOAD:
            raise forms.ValidationError("Tệp quá lớn (tối đa 20 MB).")
        return f


class FormUploadForm(UploadForm):
    file = forms.FileField(label="Tệp XLSForm (.xlsx)")
    unit = forms.CharField(label="Mã đơn vị sở hữu", max_length=40)


class ResponsesUploadForm(UploadForm):
    file = forms.FileField(label="Tệp CSV/XLSX (xuất từ Kobo/ODK hoặc nhập từ phiếu giấy)")
    unit = forms.CharField(label="Mã đơn vị (khi tệp không có cột unit)", max_length=40, required=False)
    paper = forms.BooleanField(label="Đây là phiếu giấy nhập tay", required=False)
