"""The admin's default "add images" and "add documents" pages upload several files at once, and
Wagtail 8.0's views behind them (wagtail.admin.views.generic.multiple_upload) save, edit and
delete without logging, unlike the single-file views. Their URLs are Wagtail's, so this wraps the
views' save and delete steps, once, to log with the user of Wagtail's log context.

test_audit_bulk.py::test_multiple_upload_logs_each_file fails if a Wagtail upgrade changes this.
"""

import json
from functools import wraps

from wagtail.documents.views import multiple as documents
from wagtail.images.views import multiple as images
from wagtail.log_actions import log

_MARK = "_toasoan_audited"


def _log_save(cls: type, action: str) -> None:
    original = cls.save_object
    if getattr(original, _MARK, False):
        return

    @wraps(original)
    def save_object(self, form):
        result = original(self, form)
        instance = result if result is not None else (getattr(self, "object", None) or form.instance)
        log(instance, action)
        return result

    setattr(save_object, _MARK, True)
    cls.save_object = save_object


def _log_delete(cls: type) -> None:
    original = cls.post
    if getattr(original, _MARK, False):
        return

    @wraps(original)
    def post(self, request, *args, **kwargs):
        response = original(self, request, *args, **kwargs)
        deleted = getattr(self, "object", None)
        if response.status_code == 200 and deleted is not None:
            # Model.delete() clears the primary key; the JSON answer names the deleted id.
            deleted.pk = json.loads(response.content)[self.context_object_id_name]
            log(deleted, "wagtail.delete")
        return response

    setattr(post, _MARK, True)
    cls.post = post


def install() -> None:
    for module, create_from_upload in (
        (images, images.CreateFromUploadedImageView),
        (documents, documents.CreateFromUploadedDocumentView),
    ):
        _log_save(module.AddView, "wagtail.create")
        _log_save(create_from_upload, "wagtail.create")
        _log_save(module.EditView, "wagtail.edit")
        _log_delete(module.DeleteView)
