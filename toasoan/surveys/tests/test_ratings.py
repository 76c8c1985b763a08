"""Satisfaction ratings: the form's rules, the repeat limit, moderation, confidentiality, results."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import Page

from toasoan.core.abuse import form_token
from toasoan.surveys import selectors, services
from toasoan.surveys.models import Level, Rating, Status

from .conftest import CLIENT_IP

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def unit_value(unit) -> str:
    return f"don-vi-{unit.pk}"


# --- The form -------------------------------------------------------------------------------


def test_form_offers_active_units_their_services_and_live_procedures(client, units, make_procedure):
    procedure = make_procedure("Thủ tục cấp Giấy chứng nhận hoạt động khoa học và công nghệ")
    hidden = make_procedure("Thủ tục chưa công bố", live=False)
    soup = soup_of(client.get("/danh-gia-hai-long/"))
    groups = {group["label"]: [text_of(o) for o in group.select("option")] for group in soup.select("optgroup")}
    assert groups["Thái độ phục vụ của đơn vị"] == ["Bộ phận Tiếp nhận và Trả kết quả", "Phòng Quản lý chuyên ngành"]
    assert groups["Dịch vụ đã nhận"] == ["Tiếp nhận hồ sơ (Bộ phận Tiếp nhận và Trả kết quả)"]
    assert groups["Thủ tục hành chính"] == [procedure.title]
    assert hidden.title not in soup.text and "Phòng đã giải thể" not in soup.text
    assert [text_of(label) for label in soup.select("fieldset.levels label")] == [
        "Rất hài lòng",
        "Hài lòng",
        "Bình thường",
        "Không hài lòng",
    ]
    assert soup.select_one("input[name=website]") is not None  # honeypot
    assert soup.select_one("input[name=form_started]")["value"]


def test_form_works_without_the_procedures_app(client, units):
    soup = soup_of(client.get("/danh-gia-hai-long/"))
    assert [group["label"] for group in soup.select("optgroup")] == ["Thái độ phục vụ của đơn vị", "Dịch vụ đã nhận"]


def test_a_link_can_preselect_the_target(client, make_procedure, units):
    procedure = make_procedure("Thủ tục đăng ký kết quả nhiệm vụ")
    soup = soup_of(client.get(f"/danh-gia-hai-long/?doi-tuong=thu-tuc-{procedure.pk}"))
    assert soup.select_one("option[selected]")["value"] == f"thu-tuc-{procedure.pk}"


@pytest.mark.parametrize("level", list(Level))
def test_each_level_is_stored_and_counted(rating_post, units, level):
    response = rating_post(target=unit_value(units["specialist"]), level=str(level.value))
    assert response.status_code == 302
    assert response["Location"] == "/danh-gia-hai-long/cam-on/?trang-thai=da-tinh"
    rating = Rating.objects.get()
    assert (rating.subject, rating.unit, rating.level, rating.status) == (
        Rating.Subject.UNIT,
        units["specialist"],
        level,
        Status.COUNTED,
    )


def test_thanks_page_says_whether_it_counts(client):
    assert "tính vào kết quả" in client.get("/danh-gia-hai-long/cam-on/?trang-thai=da-tinh").content.decode()
    pending = client.get("/danh-gia-hai-long/cam-on/?trang-thai=cho-kiem-duyet").content.decode()
    assert "sẽ được kiểm tra trước khi tính vào kết quả" in pending


def test_service_and_procedure_targets(rating_post, units, make_procedure):
    procedure = make_procedure("Thủ tục xác nhận chuyển giao công nghệ")
    assert rating_post(target=f"dich-vu-{units['one_stop'].pk}", level="3").status_code == 302
    assert rating_post(target=f"thu-tuc-{procedure.pk}", level="2").status_code == 302
    service, on_procedure = Rating.objects.order_by("pk")
    assert (service.subject, service.unit_id, service.procedure_id) == ("service", units["one_stop"].pk, None)
    assert (on_procedure.subject, on_procedure.unit_id, on_procedure.procedure_id) == ("procedure", None, procedure.pk)


def test_missing_level_keeps_what_was_typed(rating_post, units):
    response = rating_post(target=unit_value(units["specialist"]), comment="Cán bộ nhiệt tình")
    assert response.status_code == 400
    soup = soup_of(response)
    assert "Hãy chọn một trong bốn mức độ hài lòng." in text_of(soup.select_one("fieldset.levels"))
    assert soup.select_one("option[selected]")["value"] == unit_value(units["specialist"])
    assert soup.select_one("textarea[name=comment]").text == "Cán bộ nhiệt tình"
    assert not Rating.objects.exists()


@pytest.mark.parametrize("level", ["5", "0", "-1", "rat-hai-long", "3.5"])
def test_invalid_level_is_refused(rating_post, units, level):
    response = rating_post(target=unit_value(units["specialist"]), level=level)
    assert response.status_code == 400
    assert "Mức độ hài lòng không hợp lệ" in response.content.decode()
    assert not Rating.objects.exists()


def test_missing_target(rating_post, units):
    response = rating_post(level="4")
    assert response.status_code == 400
    assert "Hãy chọn đơn vị, dịch vụ hoặc thủ tục bạn muốn đánh giá." in response.content.decode()


def test_forged_targets_are_refused(rating_post, units, make_procedure, section, make_article):
    article = make_article(section, "Một bài viết")
    draft = make_procedure("Thủ tục nháp", live=False)
    forged = [
        "don-vi-999999",
        f"don-vi-{units['closed'].pk}",  # no longer rated
        f"dich-vu-{units['specialist'].pk}",  # provides no service
        f"thu-tuc-{article.pk}",  # a page, but not a procedure
        f"thu-tuc-{draft.pk}",  # not live
        "thu-tuc-abc",
        "xyz-1",
        f"don-vi-{units['specialist'].pk}' OR 1=1",
    ]
    for value in forged:
        response = rating_post(target=value, level="4")
        assert response.status_code == 400, value
        assert "Đối tượng đánh giá không có trong danh sách" in response.content.decode(), value
    assert not Rating.objects.exists()


def test_oversized_comment_is_refused_and_kept(rating_post, units):
    comment = "Ý kiến dài. " * 100  # 1200 characters
    response = rating_post(target=unit_value(units["specialist"]), level="2", comment=comment)
    assert response.status_code == 400
    soup = soup_of(response)
    assert "Ý kiến chỉ được tối đa 1000 ký tự (bạn đã nhập 1199)." in soup.text  # trailing space stripped
    assert soup.select_one("textarea[name=comment]").text.strip() == comment.strip()
    assert not Rating.objects.exists()


def test_comment_is_stored_in_nfc(rating_post, units):
    decomposed = "Tha\u0301i đô\u0323 tô\u0301t"  # "Thái độ tốt" typed with combining marks
    rating_post(target=unit_value(units["specialist"]), level="4", comment=decomposed)
    assert Rating.objects.get().comment == "Thái độ tốt"


# --- Repeat limit ---------------------------------------------------------------------------


def test_repeat_rating_of_the_same_target_waits_for_a_moderator(rating_post, units):
    target = unit_value(units["specialist"])
    assert rating_post(target=target, level="4")["Location"].endswith("da-tinh")
    second = rating_post(target=target, level="1")
    assert second["Location"].endswith("cho-kiem-duyet")
    first, repeat = Rating.objects.order_by("pk")
    assert first.status == Status.COUNTED
    assert (repeat.status, repeat.flags) == (Status.PENDING, "repeat")
    # Another target, another client, or the next day: counted again.
    assert rating_post(target=unit_value(units["one_stop"]), level="3")["Location"].endswith("da-tinh")
    assert rating_post(target=target, level="3", ip="198.51.100.9")["Location"].endswith("da-tinh")
    with freeze_time(timezone.now() + datetime.timedelta(days=1)):
        assert rating_post(target=target, level="3")["Location"].endswith("da-tinh")


def test_too_many_repeats_are_refused_with_a_message(rating_post, units):
    target = unit_value(units["specialist"])
    for _ in range(services.MAX_RATINGS_PER_TARGET_PER_DAY):
        assert rating_post(target=target, level="4").status_code == 302
    response = rating_post(target=target, level="4", comment="Lần nữa")
    assert response.status_code == 429
    soup = soup_of(response)
    assert "Hôm nay bạn đã gửi nhiều đánh giá cho đối tượng này" in text_of(soup.select_one("[role=alert]"))
    assert soup.select_one("textarea[name=comment]").text == "Lần nữa"
    assert Rating.objects.count() == services.MAX_RATINGS_PER_TARGET_PER_DAY


# --- Anti-abuse: suspicious ratings are kept, for a moderator -------------------------------


@pytest.mark.parametrize(
    ("extra", "flag"),
    [
        ({"website": "http://spam.example"}, "honeypot"),
        ({"form_started": "forged"}, "token_invalid"),
        ({"form_started": None}, "token_invalid"),
    ],
)
def test_suspicious_ratings_are_stored_for_moderation(rating_post, units, extra, flag):
    response = rating_post(target=unit_value(units["specialist"]), level="4", **extra)
    assert response["Location"].endswith("cho-kiem-duyet")
    rating = Rating.objects.get()
    assert (rating.status, rating.flags) == (Status.PENDING, flag)


def test_too_fast_is_stored_for_moderation(rating_post, units, settings):
    settings.TOASOAN_FORM_MIN_SECONDS = 60
    rating_post(target=unit_value(units["specialist"]), level="4")
    assert Rating.objects.get().flags == "too_fast"


def test_a_corrected_form_keeps_its_first_render_time(client, units, settings):
    settings.TOASOAN_FORM_MIN_SECONDS = 2
    with freeze_time("2025-03-03 08:00:00"):
        token = form_token()
    with freeze_time("2025-03-03 08:00:05"):
        target = unit_value(units["specialist"])
        response = client.post("/danh-gia-hai-long/", {"target": target, "form_started": token})
        assert soup_of(response).select_one("input[name=form_started]")["value"] == token
        client.post(
            "/danh-gia-hai-long/",
            {"target": unit_value(units["specialist"]), "level": "4", "form_started": token},
        )
    assert Rating.objects.get().status == Status.COUNTED


# --- Confidentiality ------------------------------------------------------------------------


def test_no_identity_is_stored(rating_post, units):
    rating_post(target=unit_value(units["specialist"]), level="4", comment="Tốt")
    rating_post(target=unit_value(units["one_stop"]), level="3")
    field_names = {field.name for field in Rating._meta.get_fields()}
    for identifying in ("ip", "ip_address", "name", "email", "phone", "user", "user_agent", "session"):
        assert not any(identifying in name.split("_") for name in field_names), identifying
    for rating in Rating.objects.all():
        stored = " ".join(str(getattr(rating, field.attname)) for field in Rating._meta.concrete_fields)
        assert CLIENT_IP not in stored and "203.0.113" not in stored
        assert len(rating.client_key) == 40 and int(rating.client_key, 16) >= 0
    first, second = Rating.objects.order_by("pk")
    assert first.client_key != second.client_key  # one person's ratings cannot be linked across targets


def test_client_key_rotates_with_target_and_day():
    day = datetime.date(2025, 3, 3)
    key = services.client_key("surveys.rating", ip=CLIENT_IP, scope="don-vi-1", day=day)
    assert key == services.client_key("surveys.rating", ip=CLIENT_IP, scope="don-vi-1", day=day)
    assert key != services.client_key("surveys.rating", ip=CLIENT_IP, scope="don-vi-2", day=day)
    assert key != services.client_key("surveys.rating", ip=CLIENT_IP, scope="don-vi-1", day=day.replace(day=4))
    assert key != services.client_key("surveys.rating", ip="203.0.113.8", scope="don-vi-1", day=day)


def test_comments_are_never_shown_publicly(rating_post, client, units):
    rating_post(target=unit_value(units["specialist"]), level="4", comment="Bí mật riêng của người đánh giá")
    assert "Bí mật riêng" not in client.get("/danh-gia-hai-long/ket-qua/").content.decode()
    csv = client.get("/danh-gia-hai-long/ket-qua/du-lieu.csv").content.decode()
    assert "Bí mật riêng" not in csv


# --- Results --------------------------------------------------------------------------------


def add(unit, level: Level, n: int, status: str = Status.COUNTED, when=None, subject=Rating.Subject.UNIT):
    for i in range(n):
        Rating.objects.create(
            subject=subject,
            unit=unit,
            level=level,
            status=status,
            client_key=f"k{unit.pk}{level}{i}{status}",
            created_at=when or timezone.now(),
        )


def chart_numbers(figure) -> dict[str, str]:
    """Label -> "count (percent)" as drawn in the figure's SVG."""
    svg = ET.fromstring(str(figure.select_one("svg")))
    texts = [el.text for el in svg.iter(f"{SVG}text")]
    return {texts[i]: texts[i + 1] for i in range(0, len(texts), 2)}


def table_numbers(figure) -> dict[str, str]:
    numbers = {}
    for row in figure.select("tbody tr"):
        count, percent = (text_of(td) for td in row.select("td"))
        numbers[text_of(row.th)] = f"{count} ({percent.replace('.', ',')})"
    return numbers


def test_results_chart_and_table_show_the_same_numbers(client, units):
    add(units["specialist"], Level.VERY_SATISFIED, 6)
    add(units["specialist"], Level.SATISFIED, 3)
    add(units["specialist"], Level.DISSATISFIED, 1)
    add(units["one_stop"], Level.NEUTRAL, 2)
    add(units["one_stop"], Level.DISSATISFIED, 5, status=Status.PENDING)  # not counted
    add(units["one_stop"], Level.DISSATISFIED, 4, status=Status.REJECTED)  # not counted
    response = client.get("/danh-gia-hai-long/ket-qua/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    soup = soup_of(response)
    figures = soup.select("figure.chart")
    overall = figures[0]
    assert (
        chart_numbers(overall)
        == table_numbers(overall)
        == {
            "Rất hài lòng": "6 (50,0%)",
            "Hài lòng": "3 (25,0%)",
            "Bình thường": "2 (16,7%)",
            "Không hài lòng": "1 (8,3%)",
        }
    )
    assert text_of(overall.select_one("tfoot tr")) == "Tổng 12 100,0%"
    assert "Tỷ lệ hài lòng: 75,0%" in text_of(soup.select_one(".surveys-index"))
    per_target = {text_of(f.select_one("caption")): f for f in figures if f.select_one("caption")}
    specialist = per_target["Số liệu: Phòng Quản lý chuyên ngành"]
    assert chart_numbers(specialist) == table_numbers(specialist)
    assert table_numbers(specialist)["Rất hài lòng"] == "6 (60,0%)"
    one_stop = per_target["Số liệu: Bộ phận Tiếp nhận và Trả kết quả"]
    assert table_numbers(one_stop)["Không hài lòng"] == "0 (0,0%)"  # pending and rejected excluded
    for figure in figures:
        svg = figure.select_one("svg")
        assert svg["role"] == "img" and svg.title.text
        assert figure.select_one("table caption") is not None
        assert all(th.get("scope") in ("col", "row") for th in figure.select("th"))


def test_results_filter_by_target_and_period(client, units):
    add(units["specialist"], Level.VERY_SATISFIED, 2, when=timezone.now() - datetime.timedelta(days=40))
    add(units["specialist"], Level.DISSATISFIED, 3)
    add(units["one_stop"], Level.SATISFIED, 7)
    since = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
    soup = soup_of(client.get(f"/danh-gia-hai-long/ket-qua/?doi-tuong=don-vi-{units['specialist'].pk}&tu-ngay={since}"))
    overall = soup.select_one("figure.chart")
    assert table_numbers(overall) == {
        "Rất hài lòng": "0 (0,0%)",
        "Hài lòng": "0 (0,0%)",
        "Bình thường": "0 (0,0%)",
        "Không hài lòng": "3 (100,0%)",
    }
    assert soup.select_one("#doi-tuong option[selected]")["value"] == f"don-vi-{units['specialist'].pk}"
    assert soup.select_one("#tu-ngay")["value"] == since


def test_bad_filters_are_reported_and_ignored(client, units):
    add(units["specialist"], Level.SATISFIED, 2)
    soup = soup_of(client.get("/danh-gia-hai-long/ket-qua/?doi-tuong=don-vi-99999&tu-ngay=2025-02-31"))
    alerts = [text_of(p) for p in soup.select("[role=alert]")]
    assert "Đối tượng đã chọn không có trong danh sách nên đã được bỏ qua." in alerts
    assert "“Từ ngày” không phải ngày hợp lệ nên đã được bỏ qua." in alerts
    assert table_numbers(soup.select_one("figure.chart"))["Hài lòng"] == "2 (100,0%)"


def test_swapped_dates_are_put_in_order(client, units):
    add(units["specialist"], Level.SATISFIED, 1)
    today = timezone.localdate()
    url = f"/danh-gia-hai-long/ket-qua/?tu-ngay={today}&den-ngay={today - datetime.timedelta(days=3)}"
    soup = soup_of(client.get(url))
    assert "đã đổi chỗ hai ngày" in soup.text
    assert table_numbers(soup.select_one("figure.chart"))["Hài lòng"] == "1 (100,0%)"


def test_results_without_ratings(client, units):
    soup = soup_of(client.get("/danh-gia-hai-long/ket-qua/"))
    assert "Chưa có đánh giá nào" in soup.text
    assert soup.select("h1")[0].text == "Kết quả đánh giá sự hài lòng"


def test_results_hide_procedures_that_are_no_longer_public(client, units, make_procedure):
    procedure = make_procedure("Thủ tục sắp bãi bỏ")
    add(units["specialist"], Level.SATISFIED, 1)
    Rating.objects.create(
        subject=Rating.Subject.PROCEDURE,
        procedure=procedure,
        level=Level.SATISFIED,
        client_key="p",
        created_at=timezone.now(),
    )
    assert "Thủ tục sắp bãi bỏ" in client.get("/danh-gia-hai-long/ket-qua/").content.decode()
    Page.objects.filter(pk=procedure.pk).update(live=False)  # unpublished
    assert "Thủ tục sắp bãi bỏ" not in client.get("/danh-gia-hai-long/ket-qua/").content.decode()


def test_comparison_chart_when_several_targets(client, units):
    add(units["specialist"], Level.VERY_SATISFIED, 2)
    add(units["one_stop"], Level.NEUTRAL, 2)
    soup = soup_of(client.get("/danh-gia-hai-long/ket-qua/"))
    comparison = soup.select_one("svg#so-sanh, figure[aria-labelledby=so-sanh-heading]")
    assert comparison is not None
    rows = {text_of(tr.th): [text_of(td) for td in tr.select("td")] for tr in comparison.select("tbody tr")}
    assert rows["Phòng Quản lý chuyên ngành"][-1] == "100,0%"
    assert rows["Bộ phận Tiếp nhận và Trả kết quả"][-1] == "0,0%"
    ET.fromstring(str(comparison.select_one("svg")))


def test_results_csv(client, units):
    add(units["specialist"], Level.VERY_SATISFIED, 3)
    add(units["specialist"], Level.NEUTRAL, 1)
    response = client.get("/danh-gia-hai-long/ket-qua/du-lieu.csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Đối tượng,Rất hài lòng,Hài lòng,Bình thường,Không hài lòng,Tổng số lượt,Tỷ lệ hài lòng (%)"
    assert "Phòng Quản lý chuyên ngành,3,0,1,0,4,75.0" in lines
    assert lines[-1] == "Tất cả đối tượng,3,0,1,0,4,75.0"


def test_ratings_do_not_flush_the_page_cache(rating_post, units, page_store, committed):
    with committed():
        pass  # the fixtures' own changes
    generation = page_store.generation()
    with committed():
        rating_post(target=unit_value(units["specialist"]), level="4")
    assert Rating.objects.count() == 1
    assert page_store.generation() == generation
    with committed():
        units["specialist"].save()  # a unit is shown on public pages: its change does renew the cache
    assert page_store.generation() != generation


def test_selectors_results_match_counts(units):
    add(units["specialist"], Level.SATISFIED, 3)
    results = selectors.rating_results()
    assert results.overall.total == 3 and results.targets[0].label == "Phòng Quản lý chuyên ngành"
