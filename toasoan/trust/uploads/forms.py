"""Wagtail's image and document forms with our checker in front (settings WAGTAILIMAGES_IMAGE_FORM_BASE
and WAGTAILDOCS_DOCUMENT_FORM_BASE). Every admin path that takes a file goes through them: add and
edit, the choosers' upload tab, multiple upload, and the v3 API's form data."""

from django.core.files.uploadedfile import UploadedFile
from django.forms.fields import FileField
from django.template.defaultfilters import filesizeformat
from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from toasoan.core import files

from . import policy


def _help(kinds, max_bytes: int | None) -> str:
    limit = f" Tối đa {filesizeformat(max_bytes)}." if max_bytes else ""
    return f"Nhận {files.allowed_label(kinds)}, kiểm tra theo nội dung tệp.{limit}"


class SafeImageField(WagtailImageField):
    """Checked by content first (Vietnamese messages), re-encoded (no EXIF/GPS, nothing appended),
    then Wagtail's own checks run on the clean copy."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.help_text = _help(policy.image_kinds(), self.max_upload_size)
        self.error_messages["invalid_image_extension"] = (
            f"Không phải ảnh được nhận: chỉ nhận {files.allowed_label(policy.image_kinds())}."
        )
        self.error_messages["file_too_large_unknown_size"] = (
            f"Tệp quá lớn: tối đa {filesizeformat(self.max_upload_size)}."
        )

    def to_python(self, data):
        upload = FileField.to_python(self, data)
        if not isinstance(upload, UploadedFile):
            return upload
        _, clean = files.sanitise(
            upload, kinds=policy.image_kinds(), max_bytes=policy.image_max_bytes(), max_pixels=policy.max_pixels()
        )
        return super().to_python(clean)


class SafeDocumentField(WagtailDocumentField):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.help_text = _help(policy.document_kinds(), self.max_upload_size)

    def to_python(self, data):
        upload = FileField.to_python(self, data)
        if not isinstance(upload, UploadedFile):
            return upload
        _, clean = files.sanitise(upload, kinds=policy.document_kinds(), max_bytes=policy.document_max_bytes())
        return clean


def _swap_file_field(form, field_class) -> None:
    if "file" in form.fields:
        old = form.fields["file"]
        form.fields["file"] = field_class(label=old.label, required=old.required, widget=old.widget)


class SafeImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _swap_file_field(self, SafeImageField)


class SafeDocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _swap_file_field(self, SafeDocumentField)

    def _update_errors(self, errors):
        # The model's extension check repeats, in English, a refusal the field already explained.
        if "file" in self._errors and hasattr(errors, "error_dict"):
            errors.error_dict.pop("file", None)
            if not errors.error_dict:
                return
        super()._update_errors(errors)
