"""`manage.py create_agency_site`: one command makes a whole agency site, or nothing."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
)

from toasoan.core import sites
from toasoan.core.models import AgencySettings

HOST = "so-tnmt.tinh.gov.vn"
NAME = "Sở Tài nguyên và Môi trường"


def create(*args: str) -> str:
    out = io.StringIO()
    call_command("create_agency_site", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = (Site, Page, Group, Collection, Workflow, AgencySettings, GroupPagePermission)
    return {model.__name__: model.objects.count() for model in models}


def test_command_creates_the_whole_site(home):
    output = create(
        "--hostname", "SO-TNMT.tinh.gov.vn", "--name", NAME, "--parent-name", "UBND tỉnh Thừa Thiên Huế",
        "--email", "stnmt@tinh.gov.vn", "--phone", "0234 3822 000",
    )  # fmt: skip

    site = Site.objects.get(hostname=HOST)
    assert (site.port, site.site_name, site.is_default_site) == (443, NAME, False)
    new_home = site.root_page.specific
    assert type(new_home).__name__ == "HomePage" and new_home.live and new_home.depth == 2
    assert new_home.title == NAME
    sections = [p.title for p in new_home.get_children().live()]
    assert sections == ["Tin tức - Sự kiện", "Cải cách hành chính", "Khoa học - Công nghệ"]

    agency = AgencySettings.for_site(site)
    assert (agency.name, agency.parent_name, agency.email, agency.phone) == (
        NAME,
        "UBND tỉnh Thừa Thiên Huế",
        "stnmt@tinh.gov.vn",
        "0234 3822 000",
    )
    assert [item.label for item in agency.menu] == ["Trang chủ", *sections]

    collection = Collection.objects.get(name=NAME)
    assert collection.get_parent() == Collection.get_first_root_node()

    editors = Group.objects.get(name=f"Biên tập viên — {NAME}")
    approvers = Group.objects.get(name=f"Người duyệt — {NAME}")
    approver_rights = {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
    for group, page_rights in ((editors, {"add_page", "change_page"}), (approvers, approver_rights)):
        assert group.permissions.filter(codename="access_admin").exists()
        page_permissions = GroupPagePermission.objects.filter(group=group)
        assert {p.page_id for p in page_permissions} == {new_home.pk}
        assert {p.permission.codename for p in page_permissions} == page_rights
        media = GroupCollectionPermission.objects.filter(group=group)
        assert {p.collection_id for p in media} == {collection.pk}
        assert {p.permission.codename for p in media} == {
            f"{action}_{model}" for action in ("add", "change", "choose") for model in ("image", "document")
        }

    workflow = Workflow.objects.get(name=f"Duyệt tin — {NAME}")
    assert new_home.get_workflow() == workflow
    assert new_home.get_children().first().get_workflow() == workflow
    (task,) = [t.specific for t in workflow.tasks]
    assert list(task.groups.all()) == [approvers]
    # The default site keeps the installation-wide workflow.
    assert home.get_workflow().name == "Duyệt tin"

    assert f"https://{HOST}/" in output
    assert f"Biên tập viên — {NAME}" in output and "Duyệt tin — " in output and "/tin-tuc-su-kien/" in output


def test_new_site_answers_on_its_own_host(client, home):
    create("--hostname", HOST, "--name", NAME, "--port", "80", "--phone", "0234 3822 000")
    html = client.get("/", HTTP_HOST=HOST).content.decode()
    assert NAME in html and "0234 3822 000" in html
    assert NAME not in client.get("/", HTTP_HOST="localhost").content.decode()
    assert client.get("/tin-tuc-su-kien/", HTTP_HOST=HOST).status_code == 200


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--hostname", "localhost"], "không hợp lệ"),
        (["--hostname", "https://so.tinh.gov.vn/"], "không kèm http://"),
        (["--hostname", "so_tnmt.tinh.gov.vn"], "không hợp lệ"),
        (["--hostname=-so.tinh.gov.vn"], "không hợp lệ"),
        (["--hostname", "sở.tinh.gov.vn"], "punycode"),
        (["--hostname", "so.tinh.gov.vn", "--port", "0"], "Cổng 0"),
        (["--hostname", "so.tinh.gov.vn", "--email", "khong-phai-email"], "Thư điện tử"),
        (["--hostname", "so.tinh.gov.vn", "--name", "   "], "Cần nhập tên cơ quan"),
        (["--hostname", "so.tinh.gov.vn", "--name", "Sở " + "rất dài " * 30], "quá dài"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_creates_nothing(home, args, message):
    before = counts()
    if "--name" not in args:
        args = [*args, "--name", NAME]
    with pytest.raises(CommandError, match=message):
        create(*args)
    assert counts() == before


def test_taken_hostname_and_name_are_refused(home):
    create("--hostname", HOST, "--name", NAME)
    before = counts()
    with pytest.raises(CommandError, match=f"Tên miền “{HOST}” đã được dùng"):
        create("--hostname", HOST, "--port", "8443", "--name", "Sở Y tế")
    with pytest.raises(CommandError, match=f"Đã có cơ quan tên “{NAME}”"):
        create("--hostname", "so-khac.tinh.gov.vn", "--name", NAME)
    assert counts() == before


def test_a_failure_halfway_leaves_nothing_half_written(home, monkeypatch):
    def failing_starter(root):
        raise RuntimeError("lỗi giữa chừng")

    monkeypatch.setitem(sites._starters, "hỏng", (99, failing_starter))
    before = counts()
    with pytest.raises(RuntimeError):
        create("--hostname", HOST, "--name", NAME)
    assert counts() == before
