"""The SVG chart module: valid, accessible SVG whose numbers are the data's."""

import xml.etree.ElementTree as ET

import pytest

from toasoan.surveys import charts
from toasoan.surveys.selectors import LEVEL_COLOURS, OPTION_COLOUR

SVG = "{http://www.w3.org/2000/svg}"


def rows(*counts: int) -> list[charts.Row]:
    labels = ["Rất hài lòng", "Hài lòng", "Bình thường", "Không hài lòng"]
    colours = list(LEVEL_COLOURS.values())
    return [
        charts.Row(label=label, count=count, percent=percent, colour=colour)
        for label, count, percent, colour in zip(labels, counts, charts.percentages(counts), colours, strict=False)
    ]


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [el.text for el in root.iter(f"{SVG}text")]


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([1, 1, 1], [33.4, 33.3, 33.3]),
        ([2, 1], [66.7, 33.3]),
        ([0, 0, 0], [0.0, 0.0, 0.0]),
        ([5, 0, 0, 0], [100.0, 0.0, 0.0, 0.0]),
        ([1, 2, 3, 4, 5, 6], [4.8, 9.5, 14.3, 19.0, 23.8, 28.6]),
    ],
)
def test_percentages_add_up_to_exactly_100(counts, expected):
    result = charts.percentages(counts)
    assert result == expected
    if sum(counts):
        assert round(sum(result), 6) == 100.0


def test_vietnamese_number_formats():
    assert charts.format_count(1234567) == "1.234.567"
    assert charts.format_percent(40.0) == "40,0%"
    assert charts.format_percent(33.35) in ("33,4%", "33,3%")  # float rounding, one decimal either way
    assert charts.value_text(charts.Row("x", 12, 40.0, "#000000")) == "12 (40,0%)"


def test_wrap_keeps_words_and_cuts_only_overlong_ones():
    assert charts.wrap("Bộ phận Tiếp nhận và Trả kết quả", 16) == ["Bộ phận Tiếp", "nhận và Trả kết", "quả"]
    assert charts.wrap("a" * 25, 10) == ["a" * 10, "a" * 10, "a" * 5]
    assert charts.wrap("", 10) == [""]


def test_bar_chart_is_valid_accessible_svg():
    svg = charts.bar_chart(chart_id="c1", title="Mức độ hài lòng", description="Mô tả", rows=rows(12, 6, 2, 0))
    root = ET.fromstring(svg)  # well-formed XML
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title.text == "Mức độ hài lòng" and title.get("id") == root.get("aria-labelledby")
    assert desc.text == "Mô tả" and desc.get("id") == root.get("aria-describedby")
    assert root.get("viewBox").startswith(f"0 0 {charts.WIDTH} ")
    assert "style" not in svg  # strict CSP: presentation attributes only


def test_bar_chart_text_matches_the_data_and_bars_are_proportional():
    data = rows(12, 6, 2, 0)
    svg = charts.bar_chart(chart_id="c", title="T", description="D", rows=data)
    labels = texts(svg)
    for row in data:
        assert row.label in labels
        assert charts.value_text(row) in labels
    assert "12 (60,0%)" in labels and "0 (0,0%)" in labels
    bars = [el for el in ET.fromstring(svg).iter(f"{SVG}rect") if el.get("class") == "chart__bar"]
    widths = [float(bar.get("width")) for bar in bars]
    assert len(bars) == 3  # no bar for a zero count, only its track and its "0 (0,0%)"
    assert widths[0] == pytest.approx(2 * widths[1], rel=0.01) == pytest.approx(6 * widths[2], rel=0.01)
    assert [bar.get("fill") for bar in bars] == [row.colour for row in data[:3]]


def test_bar_chart_escapes_labels_and_survives_no_data():
    svg = charts.bar_chart(
        chart_id="c", title="<b>&</b>", description="x", rows=[charts.Row("<script>", 0, 0.0, OPTION_COLOUR)]
    )
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "<b>&</b>"
    assert "<script>" in texts(svg) and "<script>" not in svg


def test_long_labels_wrap_inside_the_drawing():
    label = "Thủ tục đăng ký thông tin kết quả nhiệm vụ khoa học và công nghệ không sử dụng ngân sách nhà nước"
    svg = charts.bar_chart(chart_id="c", title="T", description="D", rows=[charts.Row(label, 3, 100.0, "#17643a")])
    lines = [t for t in texts(svg) if t and t[0].isalpha()]
    assert " ".join(lines) == label
    assert all(len(line) * charts.CHAR_WIDTH <= charts.WIDTH - 2 * charts.PADDING for line in lines)


def test_stacked_chart_segments_add_up_to_the_full_width():
    series = [(label, colour) for label, colour in zip(["A", "B", "C", "D"], LEVEL_COLOURS.values(), strict=True)]
    stacked = [charts.StackedRow("Đơn vị 1", rows(5, 3, 2, 0)), charts.StackedRow("Đơn vị 2", rows(0, 0, 0, 0))]
    svg = charts.stacked_bar_chart(chart_id="s", title="So sánh", description="D", series=series, rows=stacked)
    root = ET.fromstring(svg)
    segments = [el for el in root.iter(f"{SVG}rect") if el.get("class") == "chart__segment"]
    assert sum(float(s.get("width")) for s in segments) == pytest.approx(charts.WIDTH - 2 * charts.PADDING, abs=0.3)
    labels = texts(svg)
    assert {"A", "B", "C", "D", "Đơn vị 1", "Đơn vị 2", "Chưa có dữ liệu"} <= set(labels)
    assert "50,0%" in labels and "30,0%" in labels


def test_palette_has_enough_contrast():
    """Bars sit on white and white text sits on stacked segments: 4.5:1 both ways."""
    for colour in [*LEVEL_COLOURS.values(), OPTION_COLOUR]:
        assert charts.contrast_ratio(colour, "#ffffff") >= 4.5, colour
    assert charts.contrast_ratio(charts.TEXT_COLOUR, charts.TRACK_COLOUR) >= 4.5
    assert charts.contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
