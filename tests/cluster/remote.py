"""What the cluster tests do inside Django, on the cluster's database: run by a Publisher
process (tests.servers.Publisher.call), JSON in and out."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision, Site, Workflow


def create_superuser(username: str, password: str) -> int:
    """A staff account without a second factor yet: its first login enrols one."""
    user = get_user_model().objects.create_superuser(username, f"{username}@example.gov.vn", password)
    return user.pk


def articles() -> list[dict]:
    """The live articles of the default site, newest first: id and URL path."""
    root = Site.objects.get(is_default_site=True).root_page
    pages = Page.objects.live().descendant_of(root).filter(depth=root.depth + 2).order_by("-pk")
    return [{"id": p.pk, "path": p.url_path[len(root.url_path) - 1 :]} for p in pages[:20]]


def submit_title(page_id: int, title: str, username: str) -> int:
    """A new revision with `title`, submitted to the page's workflow; the approval task's state id."""
    user = get_user_model().objects.get(username=username)
    page = Page.objects.get(pk=page_id).specific
    page.title = title
    page.save_revision(user=user)
    workflow = page.get_workflow() or Workflow.objects.get(name="Duyệt tin")
    workflow.start(page, user)
    return page.current_workflow_task_state.pk


def schedule(page_ids: list[int], username: str) -> dict:
    """Unpublish the pages, then publish a new revision of each scheduled one second ago, as if
    its go-live time had just passed: the schedulers find them due on their next tick."""
    user = get_user_model().objects.get(username=username)
    revisions = []
    for page_id in page_ids:
        page = Page.objects.get(pk=page_id).specific
        page.unpublish(user=user)
        page.go_live_at = timezone.now() + datetime.timedelta(days=1)
        revision = page.save_revision(user=user)
        revision.publish(user=user)  # a future go-live time: scheduled, not live
        revisions.append(revision.pk)
    # The go-live time passes: on the page, its revision's approval and the revision's content
    # (publishing a revision whose content says "later" would schedule it again).
    past = timezone.now() - datetime.timedelta(seconds=1)
    for revision in Revision.objects.filter(pk__in=revisions):
        revision.content["go_live_at"] = past.isoformat()
        revision.approved_go_live_at = past
        revision.save(update_fields=["content", "approved_go_live_at"])
    Page.objects.filter(pk__in=page_ids).update(go_live_at=past)
    live = Page.objects.filter(pk__in=page_ids, live=True).values_list("pk", flat=True)
    return {"revisions": revisions, "live": list(live)}


def publications(page_ids: list[int]) -> dict:
    """Per page: whether it is live, its scheduled publications (log entries) and revisions."""
    return {
        str(page_id): {
            "live": Page.objects.filter(pk=page_id, live=True).exists(),
            "scheduled_publishes": PageLogEntry.objects.filter(
                page_id=page_id, action="wagtail.publish.scheduled"
            ).count(),
            "revisions": Revision.page_revisions.filter(object_id=str(page_id)).count(),
        }
        for page_id in page_ids
    }


def publish_title(page_id: int, title: str, username: str) -> None:
    """Publish a new revision of the page with `title` at once (an approver's publish)."""
    user = get_user_model().objects.get(username=username)
    page = Page.objects.get(pk=page_id).specific
    page.title = title
    page.save_revision(user=user).publish(user=user)


def rebuild_search_index() -> int:
    """What manage.py reindex and manage.py restore end with (search.sync.rebuild_engine)."""
    from toasoan.search.sync import rebuild_engine

    return rebuild_engine()


def news_articles() -> list[dict]:
    """Like articles(), news articles only (a legal document's search title is its number)."""
    from toasoan.news.models import ArticlePage

    root = Site.objects.get(is_default_site=True).root_page
    pages = ArticlePage.objects.live().descendant_of(root).order_by("-pk")
    return [{"id": p.pk, "path": p.url_path[len(root.url_path) - 1 :]} for p in pages[:20]]
