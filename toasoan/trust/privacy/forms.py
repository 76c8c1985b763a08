"""The lookup form (email and/or phone) and the erasure confirmation; messages in Vietnamese."""

from django import forms
from django.core.exceptions import ValidationError

from toasoan.core.personal_data import Person


class PersonForm(forms.Form):
    email = forms.CharField(label="Thư điện tử", required=False, max_length=254)
    phone = forms.CharField(
        label="Số điện thoại",
        required=False,
        max_length=30,
        help_text="Viết thế nào cũng được: 0912 345 678, +84 912.345.678…",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update(autocomplete="off", inputmode="email")
        self.fields["phone"].widget.attrs.update(autocomplete="off", inputmode="tel")
        self.person: Person | None = None

    def clean(self):
        cleaned = super().clean()
        try:
            self.person = Person.from_input(email=cleaned.get("email", ""), phone=cleaned.get("phone", ""))
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return cleaned


class EraseForm(PersonForm):
    confirm = forms.BooleanField(
        label="Tôi đã kiểm tra yêu cầu của người này và xác nhận xóa dữ liệu cá nhân của họ. Không thể hoàn tác.",
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("confirm"):
            self.add_error("confirm", "Hãy đánh dấu xác nhận trước khi xóa.")
        return cleaned
