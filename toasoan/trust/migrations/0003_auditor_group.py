"""The group "Kiểm tra nhật ký": reads the whole audit log (report "Nhật ký quản trị", CSV export)
and nothing else. Inspectors or the security officer are put in it; they can change no content."""

from django.db import migrations

from toasoan.core.migration_helpers import permission as _permission

GROUP = "Kiểm tra nhật ký"


def create_group(apps, schema_editor):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)
    group.permissions.add(
        _permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
        _permission(apps, "wagtailcore", "modellogentry", "view_modellogentry", "Can view model log entry"),
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("trust", "0002_integrity_report_for_approvers")]

    operations = [migrations.RunPython(create_group, remove_group)]
