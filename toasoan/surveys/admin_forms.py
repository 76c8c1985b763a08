"""The poll's admin form: an option people already voted for cannot be deleted (its votes would
go with it); its wording can still be corrected."""

from wagtail.admin.forms import WagtailAdminModelForm


class PollAdminForm(WagtailAdminModelForm):
    def is_valid(self) -> bool:
        valid = super().is_valid()
        if not valid:
            return False
        for form in self.formsets["options"].deleted_forms:
            option = form.instance
            if option.pk and (votes := option.votes.count()):
                self.add_error(None, f"Không thể xóa phương án “{option.label}” vì đã có {votes} lượt bình chọn.")
                valid = False
        return valid
