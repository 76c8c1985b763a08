"""Agency information goes through the same "Duyệt tin" workflow as news: editors (Biên tập viên)
write and submit, approvers (Lãnh đạo duyệt tin) approve and publish. Nothing is public before."""

from django.db import migrations

MODELS = ["agencyprofile", "unit", "official", "leader", "scheduleentry"]
RIGHTS = {
    "Biên tập viên": ["add", "change"],
    "Lãnh đạo duyệt tin": ["add", "change", "delete", "publish", "lock", "unlock"],
}
WORKFLOW_NAME = "Duyệt tin"


def assign(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    for model in MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="agency", model=model)
        if workflow is not None:
            WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})
        for group_name, actions in RIGHTS.items():
            group = Group.objects.filter(name=group_name).first()
            if group is None:
                continue
            for action in actions:
                # Permissions are normally created after migrations; create the ones we need now.
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {model}"},
                )
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("agency", "0001_initial"),
        ("core", "0002_editorial_groups_and_workflow"),
    ]

    operations = [migrations.RunPython(assign, migrations.RunPython.noop)]
