"""The leaders' weekly work schedule (lịch công tác): one entry per event."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.widgets import AdminDateInput

from .common import ApprovedContent


class ScheduleEntry(ApprovedContent):
    date = models.DateField("Ngày")
    start_time = models.TimeField("Giờ bắt đầu", null=True, blank=True, help_text="Để trống nếu cả ngày.")
    end_time = models.TimeField("Giờ kết thúc", null=True, blank=True)
    leaders = ParentalManyToManyField("agency.Leader", verbose_name="Lãnh đạo chủ trì, dự", blank=True)
    content = models.TextField("Nội dung")
    location = models.CharField("Địa điểm", max_length=255, blank=True)
    participants = models.TextField("Thành phần", blank=True)
    preparing_unit = models.ForeignKey(
        "agency.Unit",
        verbose_name="Đơn vị chuẩn bị",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("date", widget=AdminDateInput),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("leaders", widget=forms.CheckboxSelectMultiple),
        FieldPanel("content"),
        FieldPanel("location"),
        FieldPanel("participants"),
        FieldPanel("preparing_unit"),
    ]

    class Meta:
        ordering = ["date", models.F("start_time").asc(nulls_first=True), "pk"]
        verbose_name = "lịch công tác"
        verbose_name_plural = "Lịch công tác"

    def __str__(self) -> str:
        when = self.date.strftime("%d/%m/%Y")
        if self.start_time:
            when = f"{self.start_time:%H:%M} {when}"
        return f"{when}: {self.content[:80]}"

    def clean(self) -> None:
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": "Giờ kết thúc phải sau giờ bắt đầu."})
        if self.end_time and not self.start_time:
            raise ValidationError({"start_time": "Có giờ kết thúc thì cần giờ bắt đầu."})
