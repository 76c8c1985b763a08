from django.contrib.contenttypes.models import ContentType
from django.db import models

# SearchEntry.scope values besides a site root's page id.
SCOPE_SHARED = 0  # an object every site's search finds (a registration without a site)
SCOPE_NO_SITE = -1  # a page outside every site: no site serves it, no search finds it


class SearchEntry(models.Model):
    """One searchable object as the engine indexes it. The database is the source of truth:
    the engine's index can always be rebuilt from these rows (manage.py reindex)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    # For pages: the page itself, so a query can re-check that it is still live and public.
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    title = models.TextField()
    text = models.TextField()
    date = models.DateField(null=True, db_index=True)
    groups = models.CharField(max_length=255, blank=True)  # space-separated filter labels
    # Which site's search finds it: the page id of its site's root (the deepest site root above a
    # page, so aliases of one site share it), or SCOPE_SHARED / SCOPE_NO_SITE.
    scope = models.IntegerField(default=SCOPE_SHARED, db_index=True)
    # False until the engine has this version: a durable outbox, applied by search.sync.
    synced = models.BooleanField(default=False, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Mục chỉ mục tìm kiếm"
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="search_entry_unique_object")]

    def __str__(self) -> str:
        return self.title

    @property
    def key(self) -> str:
        return entry_key(self.content_type_id, self.object_id)

    @property
    def kind(self) -> str:
        content_type = ContentType.objects.get_for_id(self.content_type_id)
        return f"{content_type.app_label}.{content_type.model}"


def entry_key(content_type_id: int, object_id: int) -> str:
    return f"{content_type_id}:{object_id}"


class SearchTombstone(models.Model):
    """An object removed from search whose removal the engine has not applied yet."""

    key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key


class Abbreviation(models.Model):
    """Agency abbreviations: a query for either form finds the other (CCHC <-> cải cách hành chính)."""

    short = models.CharField("Viết tắt", max_length=32, unique=True, help_text="Ví dụ: CCHC, KH&CN, UBND")
    full = models.CharField("Viết đầy đủ", max_length=255, help_text="Ví dụ: cải cách hành chính")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Từ viết tắt"
        verbose_name_plural = "Từ viết tắt"
        ordering = ["short"]

    def __str__(self) -> str:
        return f"{self.short} – {self.full}"


class SearchChange(models.Model):
    """An entry that changed (or went), for the local indexes that follow the database: with
    PostgreSQL and the tantivy engine, every application server keeps its own index and applies
    these in transaction order (search.follow). Kept CHANGES_KEPT_DAYS, then purged."""

    content_type_id = models.IntegerField()
    object_id = models.PositiveBigIntegerField()
    # The writing transaction's id (pg_current_xact_id): a follower reads only what every
    # transaction older than its snapshot's xmin wrote, so a late commit is never skipped.
    xid = models.BigIntegerField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "Thay đổi chỉ mục tìm kiếm"

    def __str__(self) -> str:
        return f"{entry_key(self.content_type_id, self.object_id)} @ {self.xid}"
