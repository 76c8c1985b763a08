"""One installation, many agencies: `agency_site_create` makes a new agency site in one transaction.

core knows no page type, so the apps fill two registries from their `ready()`:
- the *home factory* (news) adds the site's root page under Wagtail's tree root;
- *site starters* add the standard pages under it (news: the sections) and return them for the
  menu.

Everything else is core's: the Site, its AgencySettings and menu, a Collection for its images and
documents, the site's own groups (page permissions on its root only, collection permissions on its
collection only) and its own "Duyệt tin" workflow, approved by its own approvers.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import AgencySettings, MenuItem
from .vietnamese import nfc

HomeFactory = Callable[[str], Page]  # (agency name) -> the new, published root page
SiteStarter = Callable[[Page], list[Page]]  # (root page) -> pages created, for the menu

_home_factory: HomeFactory | None = None
_starters: dict[str, tuple[int, SiteStarter]] = {}

WORKFLOW_NAME = "Duyệt tin"
EDITORS = "Biên tập viên"
APPROVERS = "Người duyệt"
# The same rights as the installation-wide groups of migration core 0002, on one site only.
GROUP_RIGHTS = {
    EDITORS: {"page": ["add", "change"], "media": ["add", "change", "choose"]},
    APPROVERS: {"page": ["add", "change", "publish", "lock", "unlock"], "media": ["add", "change", "choose"]},
}
MEDIA_MODELS = (("wagtailimages", "image"), ("wagtaildocs", "document"))

# RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens, at least two labels.
_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
# Groups are named "<role> — <agency>" and auth.Group names have at most 150 characters.
MAX_NAME = 150 - max(len(f"{role} — ") for role in GROUP_RIGHTS)


def register_home_factory(factory: HomeFactory) -> None:
    global _home_factory
    _home_factory = factory


def register_starter(name: str, starter: SiteStarter, order: int = 10) -> None:
    _starters[name] = (order, starter)


def group_name(role: str, agency: str) -> str:
    return f"{role} — {agency}"


@dataclass
class AgencySite:
    """What `agency_site_create` made, for the command to print."""

    site: Site
    home: Page
    collection: Collection
    groups: dict[str, Group]
    workflow: Workflow
    pages: list[Page] = field(default_factory=list)


def validate_hostname(hostname: str) -> str:
    """The host name in lower case, or a ValidationError in Vietnamese."""
    value = hostname.strip().lower().rstrip(".")
    if not value:
        raise ValidationError("Cần nhập tên miền, ví dụ: so-tnmt.tinh.gov.vn.")
    if "://" in value or "/" in value or ":" in value:
        raise ValidationError(
            f"Tên miền “{hostname}” không hợp lệ: chỉ nhập tên miền (ví dụ so-tnmt.tinh.gov.vn), "
            "không kèm http://, cổng hay đường dẫn; cổng nhập bằng --port."
        )
    if not value.isascii():
        raise ValidationError(
            f"Tên miền “{hostname}” có ký tự có dấu: hãy dùng dạng punycode (xn--...) hoặc tên không dấu."
        )
    labels = value.split(".")
    if len(value) > 253 or len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise ValidationError(
            f"Tên miền “{hostname}” không hợp lệ: gồm ít nhất hai phần cách nhau bởi dấu chấm, mỗi phần "
            "chỉ có chữ không dấu, chữ số và dấu gạch ngang (không ở đầu hay cuối)."
        )
    return value


def _validate(*, hostname: str, port: int, name: str, email: str) -> tuple[str, str]:
    hostname = validate_hostname(hostname)
    if not 1 <= port <= 65535:
        raise ValidationError(f"Cổng {port} không hợp lệ: phải từ 1 đến 65535 (thường là 443).")
    name = nfc(" ".join(name.split()))
    if not name:
        raise ValidationError("Cần nhập tên cơ quan, ví dụ: “Sở Tài nguyên và Môi trường”.")
    if len(name) > MAX_NAME:
        raise ValidationError(f"Tên cơ quan quá dài: tối đa {MAX_NAME} ký tự.")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(f"Thư điện tử “{email}” không hợp lệ.") from None
    taken = Site.objects.filter(hostname=hostname).first()
    if taken is not None:
        raise ValidationError(
            f"Tên miền “{hostname}” đã được dùng cho trang “{taken.site_name or taken.hostname}” (cổng {taken.port})."
        )
    if AgencySettings.objects.filter(name=name).exists() or Group.objects.filter(
        name__in=[group_name(role, name) for role in GROUP_RIGHTS]
    ):
        raise ValidationError(f"Đã có cơ quan tên “{name}”: hãy chọn tên khác.")
    if _home_factory is None:
        raise ValidationError("Chưa có loại trang chủ nào được đăng ký (ứng dụng tin tức chưa được cài).")
    return hostname, name


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _groups(name: str, home: Page, collection: Collection) -> dict[str, Group]:
    access_admin = _permission("wagtailadmin", "access_admin")
    groups = {}
    for role, rights in GROUP_RIGHTS.items():
        group = Group.objects.create(name=group_name(role, name))
        group.permissions.add(access_admin)
        GroupPagePermission.objects.bulk_create(
            GroupPagePermission(group=group, page=home, permission=_permission("wagtailcore", f"{action}_page"))
            for action in rights["page"]
        )
        GroupCollectionPermission.objects.bulk_create(
            GroupCollectionPermission(
                group=group, collection=collection, permission=_permission(app_label, f"{action}_{model}")
            )
            for app_label, model in MEDIA_MODELS
            for action in rights["media"]
        )
        groups[role] = group
    return groups


def _workflow(name: str, home: Page, approvers: Group) -> Workflow:
    task = GroupApprovalTask.objects.create(name=group_name(APPROVERS, name), active=True)
    task.groups.add(approvers)
    workflow = Workflow.objects.create(name=f"{WORKFLOW_NAME} — {name}", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=home, workflow=workflow)
    return workflow


@transaction.atomic
def agency_site_create(
    *,
    hostname: str,
    name: str,
    port: int = 443,
    parent_name: str = "",
    email: str = "",
    phone: str = "",
    address: str = "",
) -> AgencySite:
    """Create an agency's site with everything it needs, or nothing (ValidationError in Vietnamese)."""
    hostname, name = _validate(hostname=hostname, port=port, name=name, email=email.strip())
    home = _home_factory(name)
    pages = []
    for _, starter in sorted(_starters.values(), key=lambda item: item[0]):
        pages += starter(home)
    site = Site.objects.create(hostname=hostname, port=port, root_page=home, site_name=name)

    agency = AgencySettings.for_site(site)
    agency.name = name
    agency.parent_name = nfc(parent_name.strip())
    agency.email = email.strip()
    agency.phone = phone.strip()
    agency.address = nfc(address.strip())
    agency.save()
    menu = [MenuItem(settings=agency, label="Trang chủ", url="/", sort_order=0)]
    menu += [MenuItem(settings=agency, label=page.title, page=page, sort_order=i) for i, page in enumerate(pages, 1)]
    MenuItem.objects.bulk_create(menu)

    collection = Collection.get_first_root_node().add_child(name=name)
    groups = _groups(name, home, collection)
    workflow = _workflow(name, home, groups[APPROVERS])
    return AgencySite(site=site, home=home, collection=collection, groups=groups, workflow=workflow, pages=pages)
