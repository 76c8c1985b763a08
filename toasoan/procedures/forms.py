from pathlib import PurePath

from django import forms

from toasoan.core import files

from .importer.reading import MAX_BYTES

EXTENSIONS = (".csv", ".xlsx")


class ProcedureImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp danh sách thủ tục",
        help_text="CSV (mã UTF-8) hoặc Excel (.xlsx), tối đa 10 MB. Dòng tiêu đề ghi tên các cột như hướng dẫn.",
        error_messages={
            "required": "Hãy chọn tệp cần nhập.",
            "empty": "Tệp trống: không có dòng nào để nhập.",
            "invalid": "Không đọc được tệp đã chọn. Hãy chọn lại.",
        },
    )
    publish = forms.BooleanField(
        label="Xuất bản ngay các thủ tục hợp lệ",
        required=False,
        initial=True,
        help_text="Bỏ chọn để lưu nháp, xem lại rồi mới xuất bản.",
    )

    def __init__(self, *args, can_publish: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_publish:
            # Without the right to publish, imported procedures are drafts waiting for approval.
            del self.fields["publish"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(
                f"Tệp “{PurePath(upload.name).name}” không phải CSV hoặc Excel: chỉ nhận tệp .csv hoặc .xlsx."
            )
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("Tệp lớn hơn 10 MB. Hãy chia thành nhiều tệp nhỏ hơn.")
        # By content too (toasoan.core.files): an .xlsx that would inflate past memory, macros, a page
        # of HTML named .csv, anything that is not what its name says.
        (kind, why), extension = files.identify(upload), PurePath(upload.name).suffix.lower()
        if why or kind is files.XLSX or (kind is files.TEXT and extension == ".csv"):
            files.check_upload(upload, kinds=(files.TEXT, files.XLSX), max_bytes=MAX_BYTES)
        elif extension == ".xlsx":
            raise forms.ValidationError(
                f"Tệp “{PurePath(upload.name).name}” bị hỏng hoặc không phải tệp Excel (.xlsx)."
            )
        elif b"\x00" not in upload.read(4096):
            upload.seek(0)  # text in a legacy code page: the importer says how to save it as UTF-8
        else:
            raise forms.ValidationError(
                f"Tệp “{PurePath(upload.name).name}” không phải tệp văn bản CSV (kiểm tra theo nội dung tệp)."
            )
        return upload
