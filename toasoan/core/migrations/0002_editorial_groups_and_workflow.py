"""The newsroom's groups and the approval workflow that keeps anything from going live unapproved.

- Phóng viên (reporters): write drafts and submit them for approval.
- Biên tập viên (editors): edit anyone's drafts and submit them.
- Lãnh đạo duyệt tin (approvers): approve and publish.

The workflow "Duyệt tin" is attached to the root page, so it covers every section of every site.
"""

from django.db import migrations

from toasoan.core.migration_helpers import permission as _permission

GROUPS = {
    "Phóng viên": {"page": ["add"], "media": ["add", "choose"]},
    "Biên tập viên": {"page": ["add", "change"], "media": ["add", "change", "choose"]},
    "Lãnh đạo duyệt tin": {
        "page": ["add", "change", "publish", "lock", "unlock"],
        "media": ["add", "change", "choose"],
    },
}
APPROVER_GROUP = "Lãnh đạo duyệt tin"
WORKFLOW_NAME = "Duyệt tin"


def create_groups_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")

    groups = {}
    for name, rights in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        for action in rights["page"]:
            permission = _permission(apps, "wagtailcore", "page", f"{action}_page", f"Can {action} page")
            if root_page:
                GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
        for model, app_label in (("image", "wagtailimages"), ("document", "wagtaildocs")):
            for action in rights["media"]:
                permission = _permission(apps, app_label, model, f"{action}_{model}", f"Can {action} {model}")
                if root_collection:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission
                    )
        groups[name] = group

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=APPROVER_GROUP).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVER_GROUP, content_type=task_type, active=True)
    task.groups.add(groups[APPROVER_GROUP])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root_page:
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups_and_workflow, migrations.RunPython.noop)]
