"""The group that runs satisfaction ratings and polls: "Quản lý khảo sát".

It manages the rated units and the polls (add, change, delete: snippets, audit-logged by Wagtail),
reads ratings and votes, moderates them (accept or reject, audit-logged by this app) and deletes
spam. Nobody, this group included, can add or edit a rating or a vote in the admin."""

from django.db import migrations

from toasoan.core.migration_helpers import permission as _permission

GROUP = "Quản lý khảo sát"
PERMISSIONS = {
    "ratingunit": [("add", "Can add"), ("change", "Can change"), ("delete", "Can delete")],
    "poll": [("add", "Can add"), ("change", "Can change"), ("delete", "Can delete")],
    "rating": [("view", "Can view"), ("delete", "Can delete"), ("moderate", "Kiểm duyệt")],
    "vote": [("view", "Can view"), ("delete", "Can delete"), ("moderate", "Kiểm duyệt")],
}


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
