"""Permission policies shared by the admin of several apps."""

from wagtail.permission_policies import ModelPermissionPolicy


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Django permissions, except that no one, superusers included, may add or edit a row: for
    records only citizens create (ratings, votes, subscriptions) and logs."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in ("add", "change")])
