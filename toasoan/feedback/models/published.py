"""The public copy of an answered question: personal data masked, approved before publication.
A separate model so that the public list can be cached: saving one invalidates the page cache."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from toasoan.core.vietnamese import fold

from .submission import Kind


class PublishedQuestion(models.Model):
    submission = models.OneToOneField(
        "feedback.Submission", null=True, blank=True, on_delete=models.SET_NULL, related_name="published"
    )
    kind = models.CharField("loại", max_length=12, choices=Kind.choices)
    subject = models.CharField("tiêu đề", max_length=200)
    question = models.TextField("câu hỏi (đã ẩn thông tin cá nhân)")
    answer = models.TextField("câu trả lời")
    about = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="về thủ tục hoặc bài viết",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    asked_on = models.DateField("ngày hỏi")
    answered_on = models.DateField("ngày trả lời")
    published_at = models.DateTimeField("ngày đăng", default=timezone.now, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_public = models.BooleanField("hiển thị công khai", default=True)
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = "hỏi đáp công khai"
        verbose_name_plural = "hỏi đáp công khai"
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.subject

    def save(self, *args, **kwargs) -> None:
        self.search_text = fold(f"{self.subject}\n{self.question}\n{self.answer}").lower()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("feedback:qa_detail", args=[self.pk])
