"""Procedures (TTHC): every field, filters by lĩnh vực, cấp and service level, only public ones."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(make_procedure, field_khcn, field_buc_xa):
    return {
        "cap_phep": make_procedure(
            "1.004227",
            "Cấp giấy phép tiến hành công việc bức xạ",
            field_buc_xa,
            level="tinh",
            service_level="toan-trinh",
            portal_url="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.004227",
            agency="Sở Khoa học và Công nghệ",
            steps="<ol><li>Nộp hồ sơ</li><li>Nhận kết quả</li></ol>",
            dossier="<ul><li>Đơn đề nghị</li></ul>",
            processing_time="05 ngày làm việc",
            fees="500.000 đồng/hồ sơ",
            applicants="Tổ chức, cá nhân",
            result="Giấy phép",
            legal_basis="<p>Luật Năng lượng nguyên tử</p>",
            methods="<p>Trực tiếp hoặc trực tuyến</p>",
        ),
        "dang_ky": make_procedure("1.000001", "Đăng ký kết quả nhiệm vụ khoa học", field_khcn, level="huyen"),
        "xa": make_procedure("2.000002", "Thủ tục cấp xã", field_khcn, level="xa", service_level="mot-phan"),
        "nhap": make_procedure("3.000003", "Thủ tục chưa công bố", field_khcn, live=False),
    }


def codes(body: dict) -> list[str]:
    return [item["code"] for item in body["results"]]


def test_list_shape_and_drafts_excluded(get_json, catalogue):
    body = get_json("/api/v1/procedures/")
    assert body["count"] == 3
    assert codes(body) == ["1.000001", "1.004227", "2.000002"]
    item = body["results"][1]
    assert item == {
        "id": catalogue["cap_phep"].pk,
        "code": "1.004227",
        "title": "Cấp giấy phép tiến hành công việc bức xạ",
        "url": "http://testserver/thu-tuc-hanh-chinh/" + catalogue["cap_phep"].slug + "/",
        "field": {
            "slug": "nang-luong-nguyen-tu-an-toan-buc-xa-va-hat-nhan",
            "name": "Năng lượng nguyên tử, an toàn bức xạ và hạt nhân",
        },
        "level": "tinh",
        "level_label": "Cấp tỉnh",
        "agency": "Sở Khoa học và Công nghệ",
        "service_level": "toan-trinh",
        "service_level_label": "Dịch vụ công trực tuyến toàn trình",
        "portal_url": catalogue["cap_phep"].portal_url,
        "last_published_at": item["last_published_at"],
    }
    assert item["last_published_at"]
    assert body["results"][0]["service_level"] is None and body["results"][0]["portal_url"] is None


def test_detail_has_every_tthc_field(get_json, catalogue):
    item = get_json(f"/api/v1/procedures/{catalogue['cap_phep'].pk}/")
    assert item["steps_html"] == "<ol><li>Nộp hồ sơ</li><li>Nhận kết quả</li></ol>"
    assert item["dossier_html"] == "<ul><li>Đơn đề nghị</li></ul>"
    assert item["methods_html"] == "<p>Trực tiếp hoặc trực tuyến</p>"
    assert item["legal_basis_html"] == "<p>Luật Năng lượng nguyên tử</p>"
    assert (item["processing_time"], item["fees"], item["applicants"], item["result"]) == (
        "05 ngày làm việc",
        "500.000 đồng/hồ sơ",
        "Tổ chức, cá nhân",
        "Giấy phép",
    )
    assert get_json(f"/api/v1/procedures/{catalogue['nhap'].pk}/", status=404)["detail"].startswith(
        "Không có thủ tục công khai"
    )


def test_filters(get_json, catalogue, field_khcn):
    assert codes(get_json(f"/api/v1/procedures/?field={field_khcn.slug}")) == ["1.000001", "2.000002"]
    assert codes(get_json("/api/v1/procedures/?level=huyen")) == ["1.000001"]
    assert codes(get_json("/api/v1/procedures/?service_level=mot-phan")) == ["2.000002"]
    assert codes(get_json(f"/api/v1/procedures/?field={field_khcn.slug}&level=xa")) == ["2.000002"]
    assert codes(get_json("/api/v1/procedures/?code=1.004227")) == ["1.004227"]
    assert codes(get_json("/api/v1/procedures/?q=khoa học")) == ["1.000001"]


def test_private_procedures_are_excluded(get_json, catalogue, restrict):
    restrict(catalogue["xa"])
    assert codes(get_json("/api/v1/procedures/")) == ["1.000001", "1.004227"]
    get_json(f"/api/v1/procedures/{catalogue['xa'].pk}/", status=404)


def test_fields_list_counts_public_procedures(get_json, catalogue):
    body = get_json("/api/v1/procedures/fields/")
    assert [(f["name"], f["procedure_count"]) for f in body["results"]] == [
        ("Hoạt động khoa học và công nghệ", 2),
        ("Năng lượng nguyên tử, an toàn bức xạ và hạt nhân", 1),
    ]


@pytest.mark.parametrize(
    ("query", "param", "message"),
    [
        ("level=trung-uong", "level", "phải là một trong các giá trị: 'tinh', 'huyen' hoặc 'xa'"),
        ("service_level=muc-4", "service_level", "phải là một trong các giá trị: 'toan-trinh' hoặc 'mot-phan'"),
        ("field=khong-co", "field", "không có lĩnh vực nào có đường dẫn “khong-co”"),
        ("page_size=0", "page_size", "phải lớn hơn hoặc bằng 1"),
    ],
)
def test_bad_parameters_get_a_vietnamese_422(get_json, catalogue, query, param, message):
    body = get_json(f"/api/v1/procedures/?{query}", status=422)
    assert body["errors"] == [{"param": param, "location": "query", "message": message}]
