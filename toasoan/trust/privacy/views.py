"""The admin page "Dữ liệu cá nhân": look a person up, see what each app holds, export it (ZIP)
or erase it after a confirmation step. Superusers only. Identifiers travel in POST bodies, never
in URLs (which end up in server logs)."""

from django.contrib import messages
from django.http import HttpResponse

from toasoan.core.admin_views import AdminPageView

from . import selectors, services
from .forms import EraseForm, PersonForm


def can_manage(user) -> bool:
    return bool(user.is_active and user.is_superuser)


class PersonalDataView(AdminPageView):
    template_name = "trust/privacy/index.html"
    page_title = "Dữ liệu cá nhân"
    header_icon = "user"
    http_method_names = ["get", "post"]

    def can_view(self, user) -> bool:
        return can_manage(user)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=PersonForm()))

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "lookup")
        form = (EraseForm if action == "erase" else PersonForm)(request.POST)
        if not form.is_valid():
            if action == "erase" and form.person is not None:  # only the confirmation is missing
                return self._found(form.person, form=PersonForm(request.POST), erase_form=form, status=400)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        person = form.person
        if action == "export":
            archive = services.export_archive(person=person, user=request.user)
            response = HttpResponse(archive.content, content_type="application/zip")
            response["Content-Disposition"] = f'attachment; filename="{archive.filename}"'
            response["Cache-Control"] = "no-store"
            return response
        if action == "erase":
            report = services.erase(person=person, user=request.user)
            messages.success(request, f"Đã xóa dữ liệu cá nhân: {report.total} bản ghi được xóa hoặc ẩn danh.")
            return self.render_to_response(self.get_context_data(form=PersonForm(), report=report))
        erase_form = EraseForm(initial={"email": person.email, "phone": person.phone}) if action == "confirm" else None
        return self._found(person, form=form, erase_form=erase_form)

    def _found(self, person, *, form, erase_form=None, status=200):
        found = selectors.holdings(person)
        context = self.get_context_data(
            form=form, person=person, found=found, total=selectors.total(found), erase_form=erase_form
        )
        return self.render_to_response(context, status=status)
