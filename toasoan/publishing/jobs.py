from django.core.management import call_command

from . import pagecache, static_copies


def publish_scheduled_pages() -> None:
    """Publish pages whose go-live time has come and unpublish expired ones (Wagtail's command)."""
    call_command("publish_scheduled", verbosity=0)


def maintain_page_cache() -> None:
    """Drop old cache generations and write the outage copies still missing."""
    if not pagecache.config()["ENABLED"]:
        return
    pagecache.get_store().prune()
    static_copies.warm()
