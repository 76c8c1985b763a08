"""Public forms. Guard fields (honeypot, render time) are checked by core.abuse in the views."""

import datetime

from django import forms

from . import selectors
from .models import Level
from .models.common import LEVELS_BEST_FIRST
from .models.ratings import COMMENT_MAX_LENGTH


class RatingForm(forms.Form):
    target = forms.ChoiceField(
        label="Bạn muốn đánh giá",
        error_messages={
            "required": "Hãy chọn đơn vị, dịch vụ hoặc thủ tục bạn muốn đánh giá.",
            "invalid_choice": "Đối tượng đánh giá không có trong danh sách. Hãy chọn lại.",
        },
    )
    level = forms.TypedChoiceField(
        label="Mức độ hài lòng của bạn",
        choices=[(level.value, level.label) for level in LEVELS_BEST_FIRST],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Hãy chọn một trong bốn mức độ hài lòng.",
            "invalid_choice": "Mức độ hài lòng không hợp lệ. Hãy chọn một trong bốn mức.",
        },
    )
    comment = forms.CharField(
        label="Ý kiến thêm (không bắt buộc)",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"Tối đa {COMMENT_MAX_LENGTH} ký tự. Xin đừng ghi họ tên, số điện thoại hay thông tin cá nhân: "
        "ý kiến chỉ cán bộ quản lý đọc, không công khai.",
        error_messages={"max_length": "Ý kiến chỉ được tối đa %(limit_value)d ký tự (bạn đã nhập %(show_value)d)."},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.target_groups = groups = selectors.rating_target_groups()
        self.fields["target"].choices = [("", "– Chọn đơn vị, dịch vụ hoặc thủ tục –")] + [
            (label, [(target.value, target.label) for target in targets]) for label, targets in groups
        ]
        self.fields["comment"].widget.attrs["aria-describedby"] = "id_comment_helptext"

    def clean_target(self) -> selectors.Target:
        target = selectors.target_from_value(self.cleaned_data["target"])
        if target is None:  # the choice list changed between rendering and sending
            raise forms.ValidationError(self.fields["target"].error_messages["invalid_choice"])
        return target

    def clean_level(self) -> int:
        level = self.cleaned_data["level"]
        if level not in Level.values:
            raise forms.ValidationError(self.fields["level"].error_messages["invalid_choice"])
        return level


class ResultsFilterForm(forms.Form):
    """GET filters of the results page; a bad value is reported and ignored, never a 500."""

    target = forms.ChoiceField(label="Đối tượng", required=False)
    date_from = forms.DateField(
        label="Từ ngày",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": "“Từ ngày” không phải ngày hợp lệ nên đã được bỏ qua."},
    )
    date_to = forms.DateField(
        label="Đến ngày",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": "“Đến ngày” không phải ngày hợp lệ nên đã được bỏ qua."},
    )

    PARAMS = {"target": "doi-tuong", "date_from": "tu-ngay", "date_to": "den-ngay"}

    def __init__(self, query, *args, **kwargs) -> None:
        super().__init__(query, *args, **kwargs)  # field names map to Vietnamese URL parameters
        for name, param in self.PARAMS.items():
            self.fields[name].widget.attrs["id"] = param
        self.target_groups = selectors.rating_target_groups(include_inactive=True)
        self.fields["target"].choices = [("", "Tất cả đối tượng")] + [
            (label, [(target.value, target.label) for target in targets]) for label, targets in self.target_groups
        ]
        self.fields["target"].error_messages["invalid_choice"] = (
            "Đối tượng đã chọn không có trong danh sách nên đã được bỏ qua."
        )

    def add_prefix(self, field_name: str) -> str:
        return self.PARAMS.get(field_name, field_name)

    def filters(self) -> tuple[selectors.Target | None, datetime.date | None, datetime.date | None, list[str]]:
        """The valid filters, and a message for each one that was ignored."""
        self.is_valid()
        errors = [message for messages in self.errors.values() for message in messages]
        target_value = self.cleaned_data.get("target")
        target = selectors.target_from_value(target_value, include_inactive=True) if target_value else None
        date_from, date_to = self.cleaned_data.get("date_from"), self.cleaned_data.get("date_to")
        if date_from and date_to and date_from > date_to:
            errors.append("“Từ ngày” sau “Đến ngày”: đã đổi chỗ hai ngày cho bạn.")
            date_from, date_to = date_to, date_from
        return target, date_from, date_to, errors
