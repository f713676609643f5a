from django import forms

from chiso.orgs.models import Role


class UserCreateForm(forms.Form):
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    email = forms.EmailField(label="Thư điện tử", required=False)
    password = forms.CharField(label="Mật khẩu ban đầu", widget=forms.PasswordInput, min_length=10)
    role = forms.ChoiceField(label="Vai trò", choices=Role.choices)
    unit_code = forms.CharField(label="Mã đơn vị", max_length=40)


class RoleAssignForm(forms.Form):
    role = forms.ChoiceField(label="Vai trò", choices=Role.choices)
    unit_code = forms.CharField(label="Mã đơn vị", max_length=40)


class ImportForm(forms.Form):
    file = forms.FileField(label="Tệp CSV hoặc XLSX")


class TokenForm(forms.Form):
    name = forms.CharField(label="Tên khóa (ví dụ: hệ thống một cửa)", max_length=100)
