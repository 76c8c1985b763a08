"""Forms: the public subscribe form, the preferences form and the admin preview's period form."""

import datetime

from django import forms
from wagtail.models import Page

from . import selectors

EMAIL_ERRORS = {
    "required": "Hãy nhập địa chỉ thư điện tử.",
    "invalid": "Địa chỉ thư điện tử chưa đúng, ví dụ đúng: ten@example.vn.",
    "max_length": "Địa chỉ thư điện tử quá dài.",
}
SECTION_ERRORS = {
    "required": "Hãy chọn ít nhất một chuyên mục.",
    "invalid_choice": "Chuyên mục đã chọn không còn trên cổng. Hãy chọn lại.",
    "invalid_pk_value": "Chuyên mục đã chọn không hợp lệ. Hãy chọn lại.",
    "invalid_list": "Hãy chọn ít nhất một chuyên mục.",
}


MAX_ID = 2**31 - 1  # page ids are 32-bit integers in PostgreSQL


class SectionsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs) -> None:
        # The live sections are read per form (public() queries view restrictions at once).
        super().__init__(
            queryset=Page.objects.none(), label="Chuyên mục muốn nhận", error_messages=SECTION_ERRORS, **kwargs
        )

    def label_from_instance(self, obj) -> str:
        return obj.title

    def _check_values(self, value):
        # A number past the id range names no section; SQLite raises OverflowError on it (a 500).
        for pk in value:
            digits = str(pk).strip().lstrip("-")
            if digits.isascii() and digits.isdigit() and int(digits) > MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class SubscribeForm(forms.Form):
    email = forms.EmailField(label="Thư điện tử", max_length=254, error_messages=EMAIL_ERRORS)
    sections = SectionsField()
    consent = forms.BooleanField(
        label="Đồng ý xử lý dữ liệu cá nhân",
        error_messages={"required": "Cần bạn đồng ý để cơ quan lưu địa chỉ thư điện tử và gửi bản tin."},
    )

    def __init__(self, *args, root=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sections"].queryset = selectors.sections(root)  # the request's site's


class PreferencesForm(forms.Form):
    sections = SectionsField()

    def __init__(self, *args, root=None, keep=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The request's site's sections, and those chosen earlier on another agency's site.
        self.fields["sections"].queryset = selectors.sections(root, keep=keep)


class PeriodForm(forms.Form):
    """The admin preview: a day in the week to preview (defaults to last week)."""

    tuan = forms.DateField(
        label="Tuần có ngày",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Ngày chưa đúng, hãy nhập theo dạng dd/mm/yyyy."},
    )

    def day(self, default: datetime.date) -> datetime.date:
        return self.cleaned_data["tuan"] if self.is_valid() else default
