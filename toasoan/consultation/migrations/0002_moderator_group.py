"""The group "Quản lý lấy ý kiến": reads, moderates and exports comments on drafts, and uploads
draft documents. It drafts consultation pages too: page permissions are granted on each
"Lấy ý kiến dự thảo" index page when it is created (services.index_grant_moderator_permissions);
publishing goes through the "Duyệt tin" workflow like every page."""

from django.db import migrations

from toasoan.core.migration_helpers import permission as _permission

GROUP = "Quản lý lấy ý kiến"
COMMENT_PERMISSIONS = {
    "view_comment": "Can view Góp ý dự thảo",
    "moderate_comment": "Có thể duyệt, từ chối góp ý dự thảo",
    "export_comment": "Có thể xuất góp ý dự thảo ra tệp CSV",
}
MEDIA = {("wagtaildocs", "document"): ["add", "change", "choose"], ("wagtailimages", "image"): ["choose"]}
PAGE_PERMISSIONS = ["add_page", "change_page"]


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    ConsultationIndexPage = apps.get_model("consultation", "ConsultationIndexPage")

    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(_permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"))
    for codename, name in COMMENT_PERMISSIONS.items():
        group.permissions.add(_permission(apps, "consultation", "comment", codename, name))
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection:
        for (app_label, model), actions in MEDIA.items():
            for action in actions:
                permission = _permission(apps, app_label, model, f"{action}_{model}", f"Can {action} {model}")
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
    for index in ConsultationIndexPage.objects.all():
        for codename in PAGE_PERMISSIONS:
            permission = _permission(apps, "wagtailcore", "page", codename, f"Can {codename.split('_')[0]} page")
            GroupPagePermission.objects.get_or_create(group=group, page_id=index.pk, permission=permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0001_initial"),
        ("core", "0002_editorial_groups_and_workflow"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
