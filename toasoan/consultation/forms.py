from django import forms

from toasoan.core.abuse import HONEYPOT_FIELD, STARTED_FIELD
from toasoan.core.vietnamese import nfc

from . import rules


def _messages(label: str, limit: int | None = None) -> dict[str, str]:
    messages = {"required": f"Vui lòng nhập {label}."}
    if limit:
        messages["max_length"] = f"{label[0].upper()}{label[1:]} dài quá {limit} ký tự (bạn đã nhập %(show_value)d)."
    return messages


class TextField(forms.CharField):
    """Text in composed form (NFC) with plain line breaks, normalised before the length checks,
    so limits count characters as the browser's maxlength does."""

    def to_python(self, value):
        return nfc(super().to_python(value)).replace("\r\n", "\n").strip()


class CommentForm(forms.Form):
    """A citizen's comment on a draft. The anti-abuse fields (honeypot, render time) are added
    under core.abuse's names; they never make the form invalid, they only flag the comment."""

    name = TextField(
        label="Họ và tên",
        max_length=rules.NAME_MAX,
        help_text="Được công khai cùng góp ý khi góp ý được duyệt.",
        error_messages=_messages("họ và tên", rules.NAME_MAX),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation = TextField(
        label="Cơ quan, tổ chức (nếu có)",
        max_length=rules.ORGANISATION_MAX,
        required=False,
        help_text="Được công khai cùng góp ý.",
        error_messages=_messages("tên cơ quan, tổ chức", rules.ORGANISATION_MAX),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = forms.EmailField(
        label="Thư điện tử",
        max_length=254,
        help_text="Không công khai; chỉ dùng để liên hệ khi cần làm rõ góp ý.",
        error_messages={
            **_messages("địa chỉ thư điện tử", 254),
            "invalid": "Địa chỉ thư điện tử không hợp lệ, ví dụ đúng: nguyenvana@gmail.com.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    section_ref = TextField(
        label="Góp ý cho điều, khoản nào (nếu có)",
        max_length=rules.SECTION_MAX,
        required=False,
        help_text="Ví dụ: Điều 5, khoản 2.",
        error_messages=_messages("điều, khoản", rules.SECTION_MAX),
    )
    body = TextField(
        label="Nội dung góp ý",
        min_length=rules.BODY_MIN,
        max_length=rules.BODY_MAX,
        help_text=f"Từ {rules.BODY_MIN} đến {rules.BODY_MAX} ký tự.",
        error_messages={
            **_messages("nội dung góp ý", rules.BODY_MAX),
            "min_length": f"Nội dung góp ý quá ngắn: cần ít nhất {rules.BODY_MIN} ký tự.",
        },
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    consent = forms.BooleanField(
        label="Tôi đồng ý để cơ quan xử lý dữ liệu cá nhân trên",
        error_messages={"required": "Bạn cần đồng ý với việc xử lý dữ liệu cá nhân để gửi góp ý."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label="Trang web (để trống ô này)",
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        # Left empty on the (cached) page: site.js fills it in when the reader starts typing.
        self.fields[STARTED_FIELD] = forms.CharField(required=False, widget=forms.HiddenInput)

    @property
    def honeypot(self) -> forms.BoundField:
        return self[HONEYPOT_FIELD]

    @property
    def started(self) -> forms.BoundField:
        return self[STARTED_FIELD]
