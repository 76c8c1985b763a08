"""Bulk actions in the admin listings log one entry per object, with the user."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, ModelLogEntry

from toasoan.search.models import Abbreviation
from toasoan.trust.audit import actions
from toasoan.trust.testing import staff_login

from .test_audit_coverage import png

User = get_user_model()


@pytest.fixture
def root(client, db):
    user = User.objects.create_superuser("quantri", "quantri@example.gov.vn", "x")
    staff_login(client, user)
    return user


def bulk(client, model, action: str, objects, data=None):
    url = reverse("wagtail_bulk_action", args=[model._meta.app_label, model._meta.model_name, action])
    response = client.post(f"{url}?{urlencode([('id', o.pk) for o in objects])}", {"next": "/admin/", **(data or {})})
    assert response.status_code == 302, response.content[:2000]


def logged(obj, action: str, user) -> list[ModelLogEntry]:
    return list(ModelLogEntry.objects.filter(object_id=str(obj.pk), action=action, user=user))


def test_images_moved_tagged_and_deleted(client, root):
    Image = get_image_model()
    images = [Image.objects.create(title=f"Ảnh {i}", file=png(f"anh-{i}.png"), width=32, height=24) for i in (1, 2)]
    archive = Collection.get_first_root_node().add_child(name="Lưu trữ")
    bulk(client, Image, "add_to_collection", images, {"collection": archive.pk})
    for image in images:
        (entry,) = logged(image, actions.MOVE_TO_COLLECTION, root)
        assert entry.message == "Đã chuyển vào bộ sưu tập “Lưu trữ”"
    bulk(client, Image, "add_tags", images, {"tags": "hội nghị, 2026"})
    assert logged(images[0], actions.ADD_TAGS, root)[0].data == {"tags": ["hội nghị", "2026"]}
    bulk(client, Image, "delete", images)
    assert not Image.objects.filter(pk__in=[i.pk for i in images]).exists()
    assert all(logged(image, "wagtail.delete", root) for image in images)


def test_documents_deleted(client, root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    Document = get_document_model()
    doc = Document.objects.create(title="Công văn", file=SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n%%EOF\n"))
    bulk(client, Document, "delete", [doc])
    assert logged(doc, "wagtail.delete", root)


def test_snippets_deleted(client, root):
    items = [Abbreviation.objects.create(short=f"VT{i}", full=f"viết tắt {i}") for i in (1, 2)]
    bulk(client, Abbreviation, "delete", items)
    assert all(logged(item, "wagtail.delete", root) for item in items)


def test_users_deactivated_assigned_a_group_and_deleted(client, root):
    people = [User.objects.create_user(f"canbo{i}", f"canbo{i}@example.gov.vn", "x") for i in (1, 2)]
    bulk(client, User, "set_active_state", people, {"mark_as_active": "False"})
    for person in people:
        person.refresh_from_db()
        assert not person.is_active
        (entry,) = logged(person, actions.USER_ACTIVE, root)
        assert entry.data == {"active": False}
    editors = Group.objects.get(name="Biên tập viên")
    bulk(client, User, "assign_role", people, {"role": editors.pk})
    for person in people:
        (entry,) = logged(person, actions.USER_GROUPS, root)
        assert entry.data["added"] == ["Biên tập viên"]
    bulk(client, User, "delete", people)
    assert all(logged(person, "wagtail.delete", root) for person in people)


def test_multiple_upload_logs_each_file(client, root):
    """The admin's default upload page takes several files at once."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    Image, Document = get_image_model(), get_document_model()
    response = client.post(reverse("wagtailimages:add_multiple"), {"files[]": png("nhieu-anh.png")})
    assert response.status_code == 200, response.content[:500]
    image = Image.objects.get(pk=response.json()["image_id"])
    assert logged(image, "wagtail.create", root)
    edit = client.post(reverse("wagtailimages:edit_multiple", args=[image.pk]), {f"image-{image.pk}-title": "Hội nghị"})
    assert edit.json()["success"], edit.content[:500]
    assert logged(image, "wagtail.edit", root)
    client.post(reverse("wagtailimages:delete_multiple", args=[image.pk]))
    assert logged(image, "wagtail.delete", root)
    pdf = SimpleUploadedFile("nhieu-tai-lieu.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(reverse("wagtaildocs:add_multiple"), {"files[]": pdf})
    assert response.status_code == 200, response.content[:500]
    doc = Document.objects.get(pk=response.json()["doc_id"])
    assert logged(doc, "wagtail.create", root)
