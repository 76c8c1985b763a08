from django.contrib.contenttypes.models import ContentType
from django.db import models


class SearchEntry(models.Model):
    """One searchable object, analysed once at index time so queries stay cheap."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    # For pages: the page itself, so a query can re-check that it is still live.
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    title = models.TextField()
    text = models.TextField()
    date = models.DateField(null=True, db_index=True)
    title_terms = models.TextField()
    all_terms = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Mục chỉ mục tìm kiếm"
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="search_entry_unique_object")]

    def __str__(self) -> str:
        return self.title
