"""The group that runs satisfaction ratings and polls: "Quản lý khảo sát".

It manages the rated units and the polls (add, change, delete: snippets, audit-logged by Wagtail),
reads ratings and votes, moderates them (accept or reject, audit-logged by this app) and deletes
spam. Nobody, this group included, can add or edit a rating or a vote in the admin."""

from django.db import migrations

GROUP = "Quản lý khảo sát"
PERMISSIONS = {
    "ratingunit": [("add", "Can add"), ("change", "Can change"), ("delete", "Can delete")],
    "poll": [("add", "Can add"), ("change", "Can change"), ("delete", "Can delete")],
    "rating": [("view", "Can view"), ("delete", "Can delete"), ("moderate", "Kiểm duyệt")],
    "vote": [("view", "Can view"), ("delete", "Can delete"), ("moderate", "Kiểm duyệt")],
}


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    # Permissions are normally created after migrations; create the ones we need now.
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(_permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"))
    for model, actions in PERMISSIONS.items():
        for action, label in actions:
            group.permissions.add(_permission(apps, "surveys", model, f"{action}_{model}", f"{label} {model}"))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
