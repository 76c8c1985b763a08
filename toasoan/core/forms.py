from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class AdminLoginForm(WagtailLoginForm):
    """Wagtail's login form leaves the password label to the field name ("Password"), which
    gettext cannot reach; give it its Vietnamese label."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "Mật khẩu"
