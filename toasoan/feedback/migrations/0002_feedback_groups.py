"""Groups for handling feedback.

- Cán bộ tiếp nhận phản ánh (handlers): see and handle submissions, write answers, edit answer
  templates; they cannot approve an answer.
- Lãnh đạo duyệt trả lời (approvers): the same, plus approve answers (which publishes the masked
  copy), edit or hide public Q&A copies, and keep the holiday calendar.
Nobody but an administrator may delete a submission (erasure of personal data on request)."""

from django.db import migrations

from toasoan.core.migration_helpers import permission as _permission

HANDLER = "Cán bộ tiếp nhận phản ánh"
APPROVER = "Lãnh đạo duyệt trả lời"
RIGHTS = {
    HANDLER: {
        "submission": ["view", "change"],
        "answertemplate": ["view", "add", "change"],
        "holiday": ["view"],
        "publishedquestion": ["view"],
    },
    APPROVER: {
        "submission": ["view", "change", "approve_answer"],
        "answertemplate": ["view", "add", "change", "delete"],
        "holiday": ["view", "add", "change", "delete"],
        "publishedquestion": ["view", "change"],
    },
}
NAMES = {
    "submission": "phản ánh, kiến nghị",
    "answertemplate": "mẫu trả lời",
    "holiday": "ngày nghỉ lễ",
    "publishedquestion": "hỏi đáp công khai",
}


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    for group_name, rights in RIGHTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(access_admin)
        for model, actions in rights.items():
            for action in actions:
                codename = action if action == "approve_answer" else f"{action}_{model}"
                name = (
                    "Duyệt câu trả lời phản ánh, kiến nghị"
                    if action == "approve_answer"
                    else f"Can {action} {NAMES[model]}"
                )
                group.permissions.add(_permission(apps, "feedback", model, codename, name))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(RIGHTS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
