"""Log the admin changes Wagtail's own views leave out of its log (Wagtail 8.0):

- collections: the create, edit and delete views save without Wagtail's model actions;
- disabling or enabling a workflow or a workflow task;
- which pages a workflow covers (removing the approval workflow from pages is a security change);
- group membership and permissions: who joined or left a group, which permissions a group gained
  or lost (Wagtail logs only "edited" on the user or group);
- a reviewer marking a content integrity finding as a false positive, or reopening it (a false
  positive no longer warns or blocks publishing): the save that sets `reviewed_by`.

Only changes made while a request holds an active log context with a user are logged: Wagtail
opens one around every admin view. Data migrations, fixtures and shell scripts are not staff
working in the admin, and stay out of the staff audit log.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from wagtail.log_actions import get_active_log_context, log
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
)

from ..models import IntegrityFinding
from . import actions


def _acting_user():
    return get_active_log_context().user


def _collection_saved(sender, instance: Collection, created: bool, raw: bool = False, **kwargs) -> None:
    if not raw and _acting_user():
        log(instance, "wagtail.create" if created else "wagtail.edit")


def _collection_deleted(sender, instance: Collection, **kwargs) -> None:
    if _acting_user():
        log(instance, "wagtail.delete")


def _remember_active(sender, instance, raw: bool = False, **kwargs) -> None:
    if not isinstance(instance, Workflow | Task):
        return
    if raw or not instance.pk:
        instance._audit_was_active = None
        return
    instance._audit_was_active = (
        type(instance)._default_manager.filter(pk=instance.pk).values_list("active", flat=True).first()
    )


def _active_changed(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
    if not isinstance(instance, Workflow | Task):
        return
    before = getattr(instance, "_audit_was_active", None)
    if created or raw or before is None or before == instance.active or not _acting_user():
        return
    kind = "workflow" if isinstance(instance, Workflow) else "task"
    state = "enable" if instance.active else "disable"
    log(instance, f"{actions.PREFIX}.{kind}.{state}")


def _workflow_page(sender, instance: WorkflowPage, created: bool = True, raw: bool = False, **kwargs) -> None:
    if raw or not _acting_user():
        return
    if kwargs.get("signal") is post_save and not created:
        return
    added = kwargs.get("signal") is post_save
    try:
        title = instance.page.get_admin_display_title()
    except Page.DoesNotExist:
        title = f"#{instance.page_id}"
    changed = [title]
    log(
        instance.workflow,
        actions.WORKFLOW_PAGES,
        data={"added": changed if added else [], "removed": [] if added else changed},
    )


def _names(model, pks) -> list[str]:
    if model is Permission:
        rows = Permission.objects.filter(pk__in=pks).select_related("content_type")
        return sorted(f"{p.content_type.app_label}.{p.codename}" for p in rows)
    return sorted(str(obj) for obj in model._default_manager.filter(pk__in=pks))


def _m2m(log_action: str, field: str):
    """A receiver for one many-to-many relation, logged on the side staff edit (user or group)."""

    def receiver(sender, instance, action: str = "", reverse: bool = False, model=None, pk_set=None, **kwargs):
        if not _acting_user():
            return
        if reverse:
            # group.user_set.add(...) (the users listing's "assign role"): one entry per user.
            if action in ("post_add", "post_remove") and pk_set and field == "groups":
                key = "added" if action == "post_add" else "removed"
                for user in model._default_manager.filter(pk__in=pk_set):
                    log(user, log_action, data={"added": [], "removed": [], key: [str(instance)]})
            return
        if action == "pre_clear":
            instance._audit_cleared = set(getattr(instance, field).values_list("pk", flat=True))
            return
        if action == "post_clear":
            removed = getattr(instance, "_audit_cleared", set())
            if removed:
                log(instance, log_action, data={"added": [], "removed": _names(model, removed)})
            return
        if action not in ("post_add", "post_remove") or not pk_set:
            return
        names = _names(model, pk_set)
        data = {"added": names, "removed": []} if action == "post_add" else {"added": [], "removed": names}
        log(instance, log_action, data=data)

    return receiver


def _group_object_permission(sender, instance, created: bool = True, raw: bool = False, **kwargs) -> None:
    if raw or not _acting_user():
        return
    if kwargs.get("signal") is post_save and not created:
        return
    target = instance.page if isinstance(instance, GroupPagePermission) else instance.collection
    granted = f"{instance.permission.codename} @ {target}"
    added = kwargs.get("signal") is post_save
    log(
        instance.group,
        actions.GROUP_PERMISSIONS,
        data={"added": [granted] if added else [], "removed": [] if added else [granted]},
    )


_user_groups = _m2m(actions.USER_GROUPS, "groups")
_user_permissions = _m2m(actions.USER_PERMISSIONS, "user_permissions")
_group_permissions = _m2m(actions.GROUP_PERMISSIONS, "permissions")


def _finding_reviewed(sender, instance, created: bool = False, update_fields=None, raw: bool = False, **kwargs):
    # Scans open and resolve findings too; only a reviewer's decision sets reviewed_by.
    if created or raw or not update_fields or "reviewed_by" not in update_fields or not _acting_user():
        return
    log(instance, actions.FINDING_REVIEW, data={"status": instance.status, "rule": instance.rule})


def connect() -> None:
    """Connect once (dispatch_uid): hooks modules may be imported more than once in tests."""
    post_save.connect(_collection_saved, sender=Collection, dispatch_uid="audit_collection_save")
    post_delete.connect(_collection_deleted, sender=Collection, dispatch_uid="audit_collection_delete")
    # Any sender: a task type is a subclass of Task, and Django signals name the concrete class.
    pre_save.connect(_remember_active, dispatch_uid="audit_active_pre")
    post_save.connect(_active_changed, dispatch_uid="audit_active_post")
    post_save.connect(_workflow_page, sender=WorkflowPage, dispatch_uid="audit_workflow_page_add")
    post_delete.connect(_workflow_page, sender=WorkflowPage, dispatch_uid="audit_workflow_page_remove")
    post_save.connect(_finding_reviewed, sender=IntegrityFinding, dispatch_uid="audit_integrity_review")
    User = get_user_model()
    m2m_changed.connect(_user_groups, sender=User.groups.through, dispatch_uid="audit_user_groups")
    m2m_changed.connect(_user_permissions, sender=User.user_permissions.through, dispatch_uid="audit_user_perms")
    m2m_changed.connect(_group_permissions, sender=Group.permissions.through, dispatch_uid="audit_group_perms")
    for model in (GroupPagePermission, GroupCollectionPermission):
        post_save.connect(_group_object_permission, sender=model, dispatch_uid=f"audit_add_{model.__name__}")
        post_delete.connect(_group_object_permission, sender=model, dispatch_uid=f"audit_remove_{model.__name__}")
