"""What every piece of agency information shares: nothing is public before it is approved.

Snippets, not pages: units, officials, leaders and schedule entries are records (filtered,
ordered, linked to each other), shown on fixed Vietnamese and English URLs; a page per official
or per meeting would flood the page tree. DraftStateMixin keeps the live version in the row and
drafts in revisions; WorkflowMixin sends changes through the "Duyệt tin" workflow (assigned to
these models by migration 0002); editors cannot publish."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class MilestoneBlock(blocks.StructBlock):
    when = blocks.CharBlock(label="Thời điểm", help_text="Ví dụ: 1992, hoặc 03/2008")
    event = blocks.TextBlock(label="Sự kiện")

    class Meta:
        icon = "date"
        label = "Mốc thời gian"
        template = "agency/blocks/milestone.html"


class ItemListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Tiêu đề", required=False)
    items = blocks.ListBlock(blocks.TextBlock(label="Mục"), label="Các mục")

    class Meta:
        icon = "list-ol"
        label = "Danh sách đánh số"
        template = "agency/blocks/item_list.html"


class ContentBlock(blocks.StreamBlock):
    """History, functions and duties: paragraphs, dated milestones and numbered lists."""

    paragraph = blocks.RichTextBlock(features=TEXT_FEATURES, label="Đoạn văn")
    milestone = MilestoneBlock()
    list = ItemListBlock()


class ApprovedContent(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """Revisions, locking, draft/live and the approval workflow (Wagtail's snippet mixins)."""

    # Generic relations so revisions and workflow states go when the object is deleted.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="agency_%(class)s")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="agency_%(class)s",
        for_concrete_model=False,
    )

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions


def published(queryset: models.QuerySet) -> models.QuerySet:
    return queryset.filter(live=True)
