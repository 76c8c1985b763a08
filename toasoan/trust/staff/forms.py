"""The code fields of the second step, in Vietnamese."""

from django import forms

from . import services


class CodeForm(forms.Form):
    """One field for a code from the authenticator app or, on the verification page, a backup code."""

    otp_token = forms.CharField(
        label="Mã xác thực",
        max_length=32,
        strip=True,
        error_messages={"required": "Vui lòng nhập mã xác thực."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false", "autofocus": True}
        ),
    )
    shape_error = "Mã gồm 6 chữ số trong ứng dụng xác thực, hoặc một mã dự phòng 8 ký tự."

    def clean_otp_token(self) -> str:
        code = self.cleaned_data["otp_token"]
        if not services.is_code_shaped(code):
            raise forms.ValidationError(self.shape_error)
        return services.normalise_code(code)


class EnrolmentForm(CodeForm):
    shape_error = "Mã gồm 6 chữ số, hiện trong ứng dụng xác thực sau khi bạn quét mã QR."

    def clean_otp_token(self) -> str:
        code = services.normalise_code(super().clean_otp_token())
        if not code.isdigit():
            raise forms.ValidationError(self.shape_error)
        return code

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["otp_token"].widget.attrs["inputmode"] = "numeric"
