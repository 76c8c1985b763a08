"""Who may manage the procedures catalogue, on the newsroom's groups (core 0002):

- Biên tập viên: import procedure lists (as drafts: they cannot publish) and manage lĩnh vực.
- Lãnh đạo duyệt tin: the same; their imports are published, as they may publish pages.

Procedure pages themselves follow the page permissions and the "Duyệt tin" workflow every page has.
"""

from django.db import migrations

GROUPS = ["Biên tập viên", "Lãnh đạo duyệt tin"]
PERMISSIONS = [
    ("procedurepage", "import_procedures", "Nhập thủ tục hành chính từ tệp"),
    ("procedurefield", "add_procedurefield", "Can add Lĩnh vực"),
    ("procedurefield", "change_procedurefield", "Can change Lĩnh vực"),
    ("procedurefield", "delete_procedurefield", "Can delete Lĩnh vực"),
    ("procedurefield", "view_procedurefield", "Can view Lĩnh vực"),
]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    permissions = []
    for model, codename, name in PERMISSIONS:
        # Permissions are normally created after migrations; create the ones we need now.
        content_type, _ = ContentType.objects.get_or_create(app_label="procedures", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        permissions.append(permission)
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [codename for _, codename, _ in PERMISSIONS]
    permissions = Permission.objects.filter(content_type__app_label="procedures", codename__in=codenames)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0001_initial"),
        ("core", "0002_editorial_groups_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
