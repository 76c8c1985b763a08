"""The agency's introduction (giới thiệu): history, functions and duties, in Vietnamese and English."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField

from .common import ApprovedContent, ContentBlock


class AgencyProfile(ApprovedContent):
    """One live profile is shown (the most recently published one)."""

    title = models.CharField("Tiêu đề", max_length=255, default="Giới thiệu chung")
    summary = models.TextField("Giới thiệu tóm tắt", blank=True)
    history = StreamField(ContentBlock(), verbose_name="Quá trình hình thành và phát triển", blank=True)
    functions = StreamField(ContentBlock(), verbose_name="Vị trí, chức năng", blank=True)
    duties = StreamField(ContentBlock(), verbose_name="Nhiệm vụ, quyền hạn", blank=True)

    name_en = models.CharField("Tên cơ quan (tiếng Anh)", max_length=255, blank=True)
    summary_en = models.TextField("Giới thiệu tóm tắt (tiếng Anh)", blank=True)
    history_en = StreamField(ContentBlock(), verbose_name="Quá trình hình thành (tiếng Anh)", blank=True)
    functions_en = StreamField(ContentBlock(), verbose_name="Vị trí, chức năng (tiếng Anh)", blank=True)
    duties_en = StreamField(ContentBlock(), verbose_name="Nhiệm vụ, quyền hạn (tiếng Anh)", blank=True)

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("summary"),
                    FieldPanel("history"),
                    FieldPanel("functions"),
                    FieldPanel("duties"),
                ],
                heading="Tiếng Việt",
            ),
            ObjectList(
                [
                    FieldPanel("name_en"),
                    FieldPanel("summary_en"),
                    MultiFieldPanel(
                        [FieldPanel("history_en"), FieldPanel("functions_en"), FieldPanel("duties_en")],
                        heading="Nội dung tiếng Anh",
                    ),
                ],
                heading="Tiếng Anh",
            ),
        ]
    )

    class Meta:
        verbose_name = "giới thiệu chung"
        verbose_name_plural = "Giới thiệu chung"

    def __str__(self) -> str:
        return self.title
