"""Helpers for data migrations that create groups. They take the historical `apps` registry and
import nothing from the apps' models, so old migrations keep working as the models change."""


def permission(apps, app_label: str, model: str, codename: str, name: str):
    """The permission `app_label.codename`, created if missing: Django creates permissions after
    migrations (post_migrate), and a group migration needs them now."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _ = Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})
    return found
