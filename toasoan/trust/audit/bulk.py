"""Bulk actions in the admin listings (select several, then delete, deactivate, move to a
collection, tag): Wagtail 8 runs most of them as queryset updates and deletes that log nothing.
One entry per object, after the action ran (the after_bulk_action hook).

Pages are left out: their bulk actions go through Wagtail's page actions, which log. Assigning a
group to users is logged by the membership receiver (receivers.py).
"""

from wagtail.log_actions import log
from wagtail.models import Page

from . import actions


def _data(action_type: str, view) -> tuple[str, dict] | None:
    form = getattr(view, "cleaned_form", None)
    cleaned = form.cleaned_data if form is not None else {}
    if action_type == "delete":
        return "wagtail.delete", {}
    if action_type == "set_active_state":
        return actions.USER_ACTIVE, {"active": bool(cleaned.get("mark_as_active"))}
    if action_type == "add_to_collection":
        return actions.MOVE_TO_COLLECTION, {"collection": str(cleaned.get("collection", ""))}
    if action_type == "add_tags":
        tags = view.get_execution_context().get("tags", [])
        return actions.ADD_TAGS, {"tags": [t.strip() for t in tags if t.strip()]}
    if action_type == "assign_role":
        return None
    return actions.BULK, {"action": action_type}


def after_bulk_action(request, action_type: str, objects, view) -> None:
    found = _data(action_type, view)
    if found is None:
        return
    action, data = found
    for obj in objects:
        if isinstance(obj, Page):
            continue
        log(obj, action, user=request.user, data=data)
