"""The catalogue's reads: only public procedures, counts by lĩnh vực and cấp, Vietnamese order."""

import pytest
from wagtail.models import PageViewRestriction

from toasoan.procedures import selectors
from toasoan.procedures.models import ProcedureField


@pytest.fixture
def catalogue_rows(make_procedure, field_khcn, field_buc_xa):
    return {
        "dk": make_procedure("1.000001", "Đăng ký kết quả thực hiện nhiệm vụ", field_khcn),
        "cap": make_procedure("1.000002", "Cấp Giấy chứng nhận đăng ký hoạt động", field_khcn),
        "xa": make_procedure("1.000003", "Xác nhận hoạt động cấp huyện", field_khcn, level="huyen"),
        "bx": make_procedure("1.000004", "Cấp giấy phép X-quang", field_buc_xa),
        "draft": make_procedure("1.000005", "Thủ tục chưa xuất bản", field_khcn, live=False),
    }


def counts(items) -> dict[str, int]:
    return {item.field.name: item.count for item in items}


def test_field_counts_count_only_public_procedures(catalogue_page, catalogue_rows, field_khcn, field_buc_xa):
    result = selectors.catalogue(catalogue_page)
    assert counts(result.field_counts) == {field_khcn.name: 3, field_buc_xa.name: 1}
    assert [item.field for item in result.field_counts] == [field_khcn, field_buc_xa]
    assert result.total == 4
    assert "Thủ tục chưa xuất bản" not in [p.title for p in result.procedures]


def test_a_lĩnh_vực_without_public_procedures_is_not_listed(catalogue_page, catalogue_rows, field_khcn):
    ProcedureField.objects.create(name="Sở hữu trí tuệ")
    assert "Sở hữu trí tuệ" not in counts(selectors.catalogue(catalogue_page).field_counts)


def test_counts_follow_the_other_filter(catalogue_page, catalogue_rows, field_khcn, field_buc_xa):
    by_level = selectors.catalogue(catalogue_page, level="tinh")
    assert counts(by_level.field_counts) == {field_khcn.name: 2, field_buc_xa.name: 1}
    assert by_level.all_fields_count == 3
    by_field = selectors.catalogue(catalogue_page, field=field_khcn)
    assert [(c.value, c.count) for c in by_field.level_counts] == [("tinh", 2), ("huyen", 1)]
    assert by_field.all_levels_count == 3
    both = selectors.catalogue(catalogue_page, field=field_khcn, level="huyen")
    assert [p.title for p in both.procedures] == ["Xác nhận hoạt động cấp huyện"]


def test_procedures_are_grouped_by_field_then_in_vietnamese_order(catalogue_page, catalogue_rows):
    titles = [p.title for p in selectors.catalogue(catalogue_page).procedures]
    # "Đăng ký" sorts among the D's, after "Cấp", not after "Xác nhận" as byte order would put it.
    assert titles == [
        "Cấp Giấy chứng nhận đăng ký hoạt động",
        "Đăng ký kết quả thực hiện nhiệm vụ",
        "Xác nhận hoạt động cấp huyện",
        "Cấp giấy phép X-quang",
    ]


def test_restricted_procedures_are_not_public(catalogue_page, catalogue_rows):
    PageViewRestriction.objects.create(page=catalogue_rows["bx"], restriction_type="login")
    assert "Cấp giấy phép X-quang" not in [p.title for p in selectors.catalogue(catalogue_page).procedures]


def test_related_procedures_are_public_ones_of_the_same_field(catalogue_rows):
    related = selectors.related_procedures(catalogue_rows["cap"])
    assert [p.title for p in related] == ["Đăng ký kết quả thực hiện nhiệm vụ", "Xác nhận hoạt động cấp huyện"]
