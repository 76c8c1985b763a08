"""Who may read the statistics report, on the newsroom's groups (core 0002): the editors and the
leaders who approve news. Administrators can give it to any other group in the group editor
("Xem thống kê truy cập")."""

from django.db import migrations

GROUPS = ["Biên tập viên", "Lãnh đạo duyệt tin"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Permissions are normally created after migrations; create this one now.
    content_type, _ = ContentType.objects.get_or_create(app_label="stats", model="pageviewday")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_report", defaults={"name": "Xem thống kê truy cập"}
    )
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="stats", codename="view_report")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0001_initial"),
        ("core", "0002_editorial_groups_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
