"""Public forms (submission, tracking) and the staff action forms. Messages in Vietnamese, next to
the field; what was typed is kept on error."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.html import strip_tags

from toasoan.core import abuse, files

from . import codes, conf, selectors
from .models import AnswerTemplate, Kind
from .services import AttachmentData
from .validators import CITIZEN_KINDS, normalise_phone

CONSENT_TEXT = (
    "Tôi đồng ý để cơ quan xử lý dữ liệu cá nhân tôi cung cấp (họ tên, thư điện tử, số điện thoại, "
    "nội dung và tệp đính kèm) nhằm tiếp nhận, xử lý và trả lời phản ánh, kiến nghị này, theo chính "
    "sách bảo vệ dữ liệu cá nhân."
)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:g} MB"


class TelInput(forms.TextInput):
    input_type = "tel"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class SubmissionForm(forms.Form):
    kind = forms.ChoiceField(label="Loại", choices=Kind.choices, widget=forms.RadioSelect, initial=Kind.FEEDBACK)
    name = forms.CharField(label="Họ và tên", max_length=conf.DEFAULTS["MAX_NAME"])
    email = forms.EmailField(label="Thư điện tử", required=False, max_length=254)
    phone = forms.CharField(label="Số điện thoại", required=False, max_length=20, widget=TelInput)
    subject = forms.CharField(label="Tiêu đề", max_length=conf.DEFAULTS["MAX_SUBJECT"])
    content = forms.CharField(
        label="Nội dung", max_length=conf.DEFAULTS["MAX_CONTENT"], widget=forms.Textarea(attrs={"rows": 8})
    )
    about = forms.CharField(required=False, widget=forms.HiddenInput)
    attachments = MultipleFileField(label="Tệp đính kèm", required=False)
    consent = forms.BooleanField(
        label="Tôi đồng ý",
        error_messages={"required": "Hãy đánh dấu đồng ý với việc xử lý dữ liệu cá nhân để gửi phản ánh."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.update(autocomplete="name")
        self.fields["email"].widget.attrs.update(autocomplete="email", inputmode="email")
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")
        self.fields["attachments"].widget.attrs.update(accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx")
        for name, setting in (("name", "MAX_NAME"), ("subject", "MAX_SUBJECT"), ("content", "MAX_CONTENT")):
            field, limit = self.fields[name], conf.get(setting)
            field.max_length = limit
            field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
            field.validators.append(
                MaxLengthValidator(limit, message=f"{field.label} dài quá {limit} ký tự: hãy rút gọn.")
            )
            field.widget.attrs["maxlength"] = limit
        self.fields["name"].error_messages["required"] = "Hãy nhập họ và tên."
        self.fields["subject"].error_messages["required"] = "Hãy nhập tiêu đề."
        self.fields["content"].error_messages["required"] = "Hãy nhập nội dung."
        self.fields["email"].error_messages["invalid"] = "Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@gmail.com)."
        self.fields["kind"].error_messages["invalid_choice"] = "Hãy chọn một loại: phản ánh, kiến nghị hoặc hỏi đáp."
        self.about_page = None

    def clean_name(self) -> str:
        return " ".join(strip_tags(self.cleaned_data["name"]).split())

    def clean_subject(self) -> str:
        return " ".join(self.cleaned_data["subject"].split())

    def clean_content(self) -> str:
        return self.cleaned_data["content"].strip()

    def clean_phone(self) -> str:
        raw = self.cleaned_data.get("phone", "").strip()
        return normalise_phone(raw) if raw else ""

    def clean_about(self) -> str:
        raw = self.cleaned_data.get("about", "").strip()
        if raw:
            self.about_page = selectors.public_page(raw)
            if self.about_page is None:
                raise ValidationError(
                    "Thủ tục hoặc bài viết được liên kết không tồn tại hoặc không còn công khai; "
                    "hãy gửi lại, phản ánh sẽ không gắn với trang đó."
                )
        return raw

    def clean_attachments(self) -> list[AttachmentData]:
        uploads = self.cleaned_data.get("attachments") or []
        if len(uploads) > conf.get("MAX_FILES"):
            raise ValidationError(f"Chỉ được đính kèm tối đa {conf.get('MAX_FILES')} tệp.")
        result, total, errors = [], 0, []
        for upload in uploads:
            total += upload.size
            original_name = upload.name
            try:
                # Checked by content (toasoan.core.files); photos re-encoded: no GPS position kept.
                kind, clean = files.sanitise(upload, kinds=CITIZEN_KINDS, max_bytes=conf.get("MAX_FILE_BYTES"))
            except files.UploadRefused as refused:
                errors.extend(refused.messages)
                continue
            clean.name = original_name  # the citizen's name for it, shown to staff; stored under a random one
            result.append(AttachmentData(upload=clean, kind=kind))
        if total > conf.get("MAX_TOTAL_BYTES"):
            errors.append(f"Tổng dung lượng các tệp vượt quá {_mb(conf.get('MAX_TOTAL_BYTES'))}.")
        if errors:
            raise ValidationError(errors)
        return result

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("email")
            and not cleaned.get("phone")
            and "email" not in self.errors
            and "phone" not in self.errors
        ):
            self.add_error("email", "Hãy nhập thư điện tử hoặc số điện thoại (ít nhất một) để cơ quan liên hệ trả lời.")
        if self.errors and self.files.getlist("attachments") and "attachments" not in self.errors:
            self.add_error(
                "attachments", "Trình duyệt không giữ được tệp đã chọn: hãy chọn lại tệp đính kèm trước khi gửi."
            )
        return cleaned


class TrackingForm(forms.Form):
    ma = forms.CharField(label="Mã tra cứu", max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ma"].widget.attrs.update(autocapitalize="characters", autocomplete="off", spellcheck="false")
        self.fields["ma"].error_messages["required"] = "Hãy nhập mã tra cứu."
        self.fields["ma"].error_messages["max_length"] = "Mã tra cứu không đúng dạng (ví dụ: PA-7K3M-Q9TX)."

    def clean_ma(self) -> str:
        code = codes.normalise(self.cleaned_data["ma"])
        if code is None:
            raise ValidationError("Mã tra cứu không đúng dạng (ví dụ: PA-7K3M-Q9TX).")
        return code


def form_guard_fields() -> dict[str, str]:
    return {"honeypot": abuse.HONEYPOT_FIELD, "started": abuse.STARTED_FIELD, "token": abuse.form_token()}


# Staff ----------------------------------------------------------------------------------------


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label="Cán bộ xử lý", queryset=None, required=False, empty_label="— Chưa phân công —"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = selectors.staff_users().order_by("username")
        self.fields["assignee"].label_from_instance = lambda user: user.get_full_name() or user.get_username()


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Ghi chú nội bộ (không công khai)", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Lý do từ chối (người gửi sẽ đọc được)", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label="Câu trả lời", widget=forms.Textarea(attrs={"rows": 10}), max_length=20000)
    publish = forms.BooleanField(
        label="Đăng lên mục Hỏi đáp công khai sau khi được duyệt (thông tin cá nhân được ẩn)",
        required=False,
        initial=True,
    )


class TemplateChoiceForm(forms.Form):
    mau = forms.ModelChoiceField(label="Mẫu trả lời", queryset=AnswerTemplate.objects.all(), empty_label="— Chọn mẫu —")


class ApproveForm(forms.Form):
    public_subject = forms.CharField(label="Tiêu đề công khai", max_length=200, required=False)
    public_question = forms.CharField(
        label="Câu hỏi công khai (đã ẩn thông tin cá nhân, có thể sửa)",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="Ý kiến khi trả lại", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )
