"""The group that runs the newsletter: "Quản lý bản tin".

It reads the subscribers list and deletes a subscriber on request (erasure), previews the weekly
digest and sends it now. Nobody can add or edit a subscriber in the admin: subscriptions are made
and changed by their owners through signed links. The archive of PDF issues is pages: the
newsroom's groups edit it and "Lãnh đạo duyệt tin" approves it (core's "Duyệt tin" workflow)."""

from django.db import migrations

GROUP = "Quản lý bản tin"
PERMISSIONS = {
    "subscriber": [("view", "Can view"), ("delete", "Can delete")],
    "digestrun": [("view", "Can view"), ("add", "Can add")],
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
            group.permissions.add(_permission(apps, "newsletter", model, f"{action}_{model}", f"{label} {model}"))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
