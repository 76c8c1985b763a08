"""Who reads the content integrity report and marks false positives, on the newsroom's groups
(core 0002): the leaders who approve news, as they answer for what is published. Administrators can
give it to any other group in the group editor ("Xem báo cáo toàn vẹn nội dung")."""

from django.db import migrations

GROUP = "Lãnh đạo duyệt tin"
PERMISSIONS = {
    "view_integrity_report": "Xem báo cáo toàn vẹn nội dung",
    "change_integrityfinding": "Can change Phát hiện về toàn vẹn nội dung",
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Permissions are normally created after migrations; create these now.
    content_type, _ = ContentType.objects.get_or_create(app_label="trust", model="integrityfinding")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for codename, name in PERMISSIONS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="trust", codename__in=list(PERMISSIONS))
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("trust", "0001_integrity"),
        ("core", "0002_editorial_groups_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
