"""Who may read the whole audit log: superusers, and users (through a group such as "Kiểm tra
nhật ký") holding Django's view permission on Wagtail's model log entries. The permission is
offered in the group editor (hooks.py)."""

from django.contrib.auth.models import Permission

AUDIT_APP_LABEL = "wagtailcore"
AUDIT_CODENAME = "view_modellogentry"
AUDIT_PERMISSION = f"{AUDIT_APP_LABEL}.{AUDIT_CODENAME}"
AUDITOR_GROUP = "Kiểm tra nhật ký"


def can_view(user) -> bool:
    return bool(user.is_active and (user.is_superuser or user.has_perm(AUDIT_PERMISSION)))


def audit_permissions():
    return Permission.objects.filter(content_type__app_label=AUDIT_APP_LABEL, codename=AUDIT_CODENAME)
