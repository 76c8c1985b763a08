"""Demo content: a provincial Department of Science and Technology (Sở Khoa học và Công nghệ):
its introduction, ten units, four leaders with portraits, a contacts directory and three weeks of
work schedule around today. Idempotent: everything is looked up by name (schedule: date and
content) before it is created. Names and numbers are made up."""

import datetime
import io

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone

from toasoan.core.vietnamese import slugify

from .models import AgencyProfile, Leader, Official, ScheduleEntry, Unit, UnitKind
from .services import content_publish
from .weeks import week_of

PROFILE = {
    "title": "Giới thiệu chung",
    "summary": "Sở Khoa học và Công nghệ là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh Thừa Thiên Huế, "
    "tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về khoa học và công nghệ trên địa bàn tỉnh.",
    "functions": [
        (
            "paragraph",
            "<p>Sở Khoa học và Công nghệ là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, có chức năng tham mưu, "
            "giúp Ủy ban nhân dân tỉnh quản lý nhà nước về: hoạt động khoa học và công nghệ; phát triển tiềm lực "
            "khoa học và công nghệ; tiêu chuẩn, đo lường, chất lượng; sở hữu trí tuệ; ứng dụng bức xạ và đồng vị "
            "phóng xạ; an toàn bức xạ và hạt nhân; đổi mới sáng tạo.</p>",
        ),
        (
            "paragraph",
            "<p>Sở có tư cách pháp nhân, có con dấu và tài khoản riêng; chịu sự chỉ đạo, quản lý về tổ chức, biên "
            "chế và công tác của Ủy ban nhân dân tỉnh, đồng thời chịu sự chỉ đạo, kiểm tra, hướng dẫn về chuyên môn, "
            "nghiệp vụ của Bộ Khoa học và Công nghệ.</p>",
        ),
    ],
    "duties": [
        (
            "list",
            {
                "heading": "Sở Khoa học và Công nghệ có các nhiệm vụ, quyền hạn chủ yếu sau:",
                "items": [
                    "Trình Ủy ban nhân dân tỉnh dự thảo quyết định, kế hoạch, chương trình phát triển khoa học "
                    "và công nghệ dài hạn, 05 năm và hằng năm của tỉnh.",
                    "Tổ chức thực hiện các văn bản quy phạm pháp luật, quy hoạch, kế hoạch, chương trình về khoa "
                    "học và công nghệ sau khi được phê duyệt; thông tin, tuyên truyền, phổ biến pháp luật.",
                    "Quản lý các nhiệm vụ khoa học và công nghệ cấp tỉnh: xác định, tuyển chọn, kiểm tra, đánh "
                    "giá, nghiệm thu và ứng dụng kết quả.",
                    "Quản lý nhà nước về tiêu chuẩn, đo lường, chất lượng sản phẩm, hàng hóa trên địa bàn tỉnh.",
                    "Hướng dẫn, cấp phép và kiểm tra việc bảo đảm an toàn bức xạ trong y tế, công nghiệp.",
                    "Thực hiện công tác thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo, phòng, chống tham nhũng "
                    "trong lĩnh vực khoa học và công nghệ.",
                ],
            },
        )
    ],
    "history": [
        ("milestone", {"when": "1976", "event": "Thành lập Ban Khoa học và Kỹ thuật tỉnh Bình Trị Thiên."}),
        (
            "milestone",
            {"when": "1989", "event": "Tái lập tỉnh Thừa Thiên Huế; thành lập Ủy ban Khoa học và Kỹ thuật tỉnh."},
        ),
        ("milestone", {"when": "1993", "event": "Đổi tên thành Sở Khoa học, Công nghệ và Môi trường."}),
        (
            "milestone",
            {"when": "2004", "event": "Tổ chức lại thành Sở Khoa học và Công nghệ theo Nghị định số 171/2004/NĐ-CP."},
        ),
        (
            "paragraph",
            "<p>Qua các thời kỳ, Sở được tặng thưởng Huân chương Lao động hạng Nhì, hạng Ba và nhiều phần "
            "thưởng cao quý khác.</p>",
        ),
    ],
    "name_en": "Department of Science and Technology of Thua Thien Hue Province",
    "summary_en": "The Department of Science and Technology is a specialised agency of the Provincial People's "
    "Committee of Thua Thien Hue. It advises and assists the Committee in the state management of science "
    "and technology in the province.",
    "functions_en": [
        (
            "paragraph",
            "<p>The Department advises and assists the Provincial People's Committee in the state management of: "
            "science and technology activities; the development of scientific and technological capacity; "
            "standards, metrology and quality; intellectual property; the use of radiation and radioisotopes; "
            "radiation and nuclear safety; and innovation.</p>",
        ),
    ],
    "duties_en": [
        (
            "list",
            {
                "heading": "The Department's main duties and powers are:",
                "items": [
                    "To submit to the Provincial People's Committee draft decisions, plans and programmes for "
                    "the development of science and technology.",
                    "To implement legal documents, plans and programmes on science and technology once approved.",
                    "To manage provincial science and technology projects: selection, evaluation, acceptance "
                    "and the application of their results.",
                    "To manage standards, metrology and the quality of products and goods in the province.",
                    "To license and inspect radiation safety in medicine and industry.",
                    "To inspect, settle complaints and denunciations, and prevent corruption in its field.",
                ],
            },
        )
    ],
    "history_en": [
        ("milestone", {"when": "1976", "event": "The Science and Technology Board of Binh Tri Thien is founded."}),
        ("milestone", {"when": "1989", "event": "Thua Thien Hue is re-established; its Science Committee founded."}),
        ("milestone", {"when": "2004", "event": "Reorganised as the Department of Science and Technology."}),
    ],
}

# name, name_en, kind, functions, functions_en, phone, officials [(name, title, title_en, phone, email)]
UNITS = [
    (
        "Văn phòng Sở",
        "Office of the Department",
        UnitKind.OFFICE,
        "Tham mưu tổng hợp, hành chính, tổ chức cán bộ, thi đua khen thưởng, văn thư lưu trữ và cải cách "
        "hành chính của Sở.",
        "General advice, administration, personnel, archives and administrative reform.",
        "0234 3822 498",
        [
            ("Trần Thị Minh Hà", "Chánh Văn phòng", "Chief of Office", "0234 3822 498", "tranthiminhha"),
            ("Lê Quang Vinh", "Phó Chánh Văn phòng", "Deputy Chief of Office", "0234 3823 117", "lequangvinh"),
            ("Nguyễn Thị Thu Hằng", "Chuyên viên văn thư", "Records Officer", "0234 3822 498", "nguyenthithuhang"),
        ],
    ),
    (
        "Thanh tra Sở",
        "Inspectorate",
        UnitKind.OFFICE,
        "Thanh tra hành chính và thanh tra chuyên ngành về khoa học và công nghệ; tiếp công dân, giải quyết "
        "khiếu nại, tố cáo.",
        "Administrative and specialised inspection; citizen reception, complaints and denunciations.",
        "0234 3831 540",
        [
            ("Phan Văn Đức", "Chánh Thanh tra", "Chief Inspector", "0234 3831 540", "phanvanduc"),
            ("Hồ Thị Lan", "Thanh tra viên", "Inspector", "0234 3831 541", "hothilan"),
        ],
    ),
    (
        "Phòng Kế hoạch - Tài chính",
        "Planning and Finance Division",
        UnitKind.OFFICE,
        "Xây dựng kế hoạch, dự toán ngân sách sự nghiệp khoa học và công nghệ; quản lý tài chính, tài sản.",
        "Plans and budgets for science and technology; finance and assets.",
        "0234 3824 206",
        [
            ("Võ Thị Hồng Nhung", "Trưởng phòng", "Head of Division", "0234 3824 206", "vothihongnhung"),
            ("Đặng Minh Tuấn", "Kế toán trưởng", "Chief Accountant", "0234 3824 207", "dangminhtuan"),
        ],
    ),
    (
        "Phòng Quản lý khoa học",
        "Science Management Division",
        UnitKind.OFFICE,
        "Quản lý các nhiệm vụ khoa học và công nghệ cấp tỉnh, cấp cơ sở; hoạt động khoa học xã hội và nhân văn.",
        "Provincial and local science and technology projects; social sciences and humanities.",
        "0234 3833 582",
        [
            ("Nguyễn Hữu Phước", "Trưởng phòng", "Head of Division", "0234 3833 582", "nguyenhuuphuoc"),
            ("Trương Thị Mai", "Phó Trưởng phòng", "Deputy Head of Division", "0234 3833 583", "truongthimai"),
        ],
    ),
    (
        "Phòng Quản lý công nghệ và Đổi mới sáng tạo",
        "Technology Management and Innovation Division",
        UnitKind.OFFICE,
        "Quản lý hoạt động chuyển giao công nghệ, thẩm định công nghệ dự án đầu tư, sở hữu trí tuệ, "
        "khởi nghiệp đổi mới sáng tạo.",
        "Technology transfer, technology appraisal of investment projects, intellectual property, start-ups.",
        "0234 3825 813",
        [
            ("Lê Văn Khoa", "Trưởng phòng", "Head of Division", "0234 3825 813", "levankhoa"),
            ("Huỳnh Ngọc Ánh", "Chuyên viên", "Officer", "0234 3825 814", "huynhngocanh"),
        ],
    ),
    (
        "Phòng Quản lý chuyên ngành",
        "Specialised Management Division",
        UnitKind.OFFICE,
        "Quản lý an toàn bức xạ và hạt nhân, ứng dụng năng lượng nguyên tử; thông tin, thống kê khoa học và công nghệ.",
        "Radiation and nuclear safety, atomic energy applications; science and technology statistics.",
        "0234 3826 027",
        [("Tôn Thất Bảo", "Trưởng phòng", "Head of Division", "0234 3826 027", "tonthatbao")],
    ),
    (
        "Chi cục Tiêu chuẩn Đo lường Chất lượng",
        "Sub-Department of Standards, Metrology and Quality",
        UnitKind.SUBDEPARTMENT,
        "Tham mưu quản lý nhà nước về tiêu chuẩn, đo lường, chất lượng sản phẩm, hàng hóa, mã số mã vạch, "
        "năng suất chất lượng.",
        "Standards, metrology, product quality, barcodes and productivity.",
        "0234 3827 563",
        [
            ("Ngô Đình Thắng", "Chi cục trưởng", "Director of the Sub-Department", "0234 3827 563", "ngodinhthang"),
            ("Bùi Thị Phương", "Phó Chi cục trưởng", "Deputy Director", "0234 3827 564", "buithiphuong"),
        ],
    ),
    (
        "Trung tâm Thông tin và Thống kê khoa học và công nghệ",
        "Centre for Science and Technology Information and Statistics",
        UnitKind.AFFILIATE,
        "Cung cấp thông tin, thống kê khoa học và công nghệ; quản lý cơ sở dữ liệu, thư viện và Cổng thông tin của Sở.",
        "Information and statistics services; databases, library and the Department's portal.",
        "0234 3834 219",
        [("Hoàng Thị Thanh Tâm", "Giám đốc Trung tâm", "Director of the Centre", "0234 3834 219", "hoangthithanhtam")],
    ),
    (
        "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ",
        "Centre for the Application of Science and Technology",
        UnitKind.AFFILIATE,
        "Nghiên cứu, ứng dụng, chuyển giao tiến bộ khoa học và công nghệ vào sản xuất và đời sống.",
        "Research, application and transfer of scientific advances to production.",
        "0234 3828 771",
        [("Phạm Quốc Hưng", "Giám đốc Trung tâm", "Director of the Centre", "0234 3828 771", "phamquochung")],
    ),
    (
        "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng",
        "Technical Centre for Standards, Metrology and Quality",
        UnitKind.AFFILIATE,
        "Kiểm định, hiệu chuẩn, thử nghiệm phương tiện đo, sản phẩm, hàng hóa; dịch vụ kỹ thuật về tiêu chuẩn, "
        "đo lường, chất lượng.",
        "Verification, calibration and testing; technical services.",
        "0234 3829 330",
        [("Đoàn Văn Lợi", "Giám đốc Trung tâm", "Director of the Centre", "0234 3829 330", "doanvanloi")],
    ),
]

# name, title, title_en, areas, areas_en, biography, biography_en
LEADERS = [
    (
        "Nguyễn Văn Thành",
        "Giám đốc Sở",
        "Director",
        ["Phụ trách chung", "Tổ chức cán bộ, kế hoạch - tài chính", "Thanh tra, thi đua khen thưởng"],
        ["General management", "Personnel, planning and finance", "Inspection, emulation and rewards"],
        "Sinh năm 1972, quê quán Phú Vang. Tiến sĩ Vật lý. Từng là Phó Giám đốc Sở (2015–2020), "
        "Giám đốc Sở từ tháng 7/2020.",
        "Born in 1972 in Phu Vang. PhD in Physics. Deputy Director 2015–2020, Director since July 2020.",
    ),
    (
        "Lê Thị Thu Hương",
        "Phó Giám đốc Sở",
        "Deputy Director",
        ["Quản lý khoa học", "Thông tin, thống kê khoa học và công nghệ", "Cải cách hành chính, chuyển đổi số"],
        ["Science management", "Science information and statistics", "Administrative reform, digital transformation"],
        "Sinh năm 1978. Thạc sĩ Quản lý khoa học và công nghệ. Phó Giám đốc Sở từ tháng 3/2019.",
        "Born in 1978. Master of Science and Technology Management. Deputy Director since March 2019.",
    ),
    (
        "Trần Quang Minh",
        "Phó Giám đốc Sở",
        "Deputy Director",
        ["Tiêu chuẩn, đo lường, chất lượng", "An toàn bức xạ và hạt nhân", "Quản lý công nghệ, sở hữu trí tuệ"],
        ["Standards, metrology and quality", "Radiation and nuclear safety", "Technology and intellectual property"],
        "Sinh năm 1976. Kỹ sư Điện tử, Thạc sĩ Quản trị kinh doanh. Phó Giám đốc Sở từ tháng 10/2021.",
        "Born in 1976. Electronics engineer, MBA. Deputy Director since October 2021.",
    ),
]

# (weekday 0–6, week offset, start, end, leader indexes, content, location, participants, unit index)
SCHEDULE = [
    (
        0,
        0,
        "07:30",
        "09:00",
        [0, 1, 2],
        "Giao ban lãnh đạo Sở",
        "Phòng họp tầng 2, trụ sở Sở",
        "Lãnh đạo Sở; Trưởng các phòng, đơn vị trực thuộc",
        0,
    ),
    (
        0,
        0,
        "14:00",
        "",
        [1],
        "Họp Hội đồng tư vấn xác định nhiệm vụ khoa học và công nghệ cấp tỉnh năm sau",
        "Phòng họp tầng 2",
        "Thành viên Hội đồng; Phòng Quản lý khoa học",
        3,
    ),
    (
        1,
        0,
        "08:00",
        "11:30",
        [0],
        "Dự họp thường kỳ Ủy ban nhân dân tỉnh",
        "Trụ sở UBND tỉnh, 16 Lê Lợi",
        "Giám đốc Sở",
        0,
    ),
    (
        1,
        0,
        "14:00",
        "16:30",
        [2],
        "Kiểm tra an toàn bức xạ tại các cơ sở X-quang y tế",
        "Thị xã Hương Thủy",
        "Đoàn kiểm tra theo Quyết định của Giám đốc Sở",
        5,
    ),
    (
        2,
        0,
        "08:00",
        "",
        [1],
        "Nghiệm thu đề tài “Ứng dụng công nghệ sinh học trong nhân giống cây dược liệu”",
        "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ",
        "Hội đồng nghiệm thu; chủ nhiệm đề tài",
        3,
    ),
    (
        3,
        0,
        "",
        "",
        [0, 2],
        "Làm việc với Đoàn công tác của Bộ Khoa học và Công nghệ",
        "Phòng họp tầng 2",
        "Lãnh đạo Sở; Văn phòng; Chi cục Tiêu chuẩn Đo lường Chất lượng",
        0,
    ),
    (
        4,
        0,
        "08:00",
        "10:00",
        [0, 1, 2],
        "Hội nghị sơ kết công tác tháng và triển khai nhiệm vụ tháng tới",
        "Hội trường Sở",
        "Toàn thể công chức, viên chức",
        0,
    ),
    (4, 0, "14:00", "", [1], "Tiếp công dân định kỳ", "Phòng tiếp công dân", "Thanh tra Sở; Văn phòng Sở", 1),
    (
        0,
        -1,
        "07:30",
        "09:00",
        [0, 1, 2],
        "Giao ban lãnh đạo Sở",
        "Phòng họp tầng 2",
        "Lãnh đạo Sở; Trưởng các phòng",
        0,
    ),
    (
        2,
        -1,
        "08:30",
        "",
        [2],
        "Hội thảo khởi nghiệp đổi mới sáng tạo tỉnh",
        "Trường Đại học Khoa học Huế",
        "Phòng Quản lý công nghệ và Đổi mới sáng tạo",
        4,
    ),
    (0, 1, "07:30", "09:00", [0, 1, 2], "Giao ban lãnh đạo Sở", "Phòng họp tầng 2", "Lãnh đạo Sở; Trưởng các phòng", 0),
    (
        3,
        1,
        "14:00",
        "17:00",
        [0],
        "Họp Hội đồng khoa học và công nghệ tỉnh",
        "Trụ sở UBND tỉnh",
        "Thành viên Hội đồng",
        3,
    ),
]
EMAIL_DOMAIN = "thuathienhue.gov.vn"


def _portrait(name: str):
    """A plain placeholder portrait (a silhouette), so the leaders page shows photos with alt text."""
    from PIL import Image as PILImage
    from PIL import ImageDraw
    from wagtail.images.models import Image

    title = f"Ảnh chân dung {name}"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    picture = PILImage.new("RGB", (240, 300), (226, 232, 240))
    draw = ImageDraw.Draw(picture)
    draw.ellipse((75, 50, 165, 150), fill=(120, 134, 156))
    draw.ellipse((30, 170, 210, 380), fill=(120, 134, 156))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    image = Image(title=title, description=title)
    image.file.save(f"lanh-dao-{slugify(name)}.png", ImageFile(buffer, name="portrait.png"), save=False)
    image.save()
    return image


def _get_or_publish(model, lookup: dict, fields: dict):
    instance = model.objects.filter(**lookup).first()
    if instance is not None:
        return instance, False
    return content_publish(model(**lookup, **fields)), True


@transaction.atomic
def load_demo() -> dict[str, int]:
    counts = {"giới thiệu": 0, "đơn vị": 0, "cán bộ": 0, "lãnh đạo": 0, "lịch công tác": 0}
    _, created = _get_or_publish(
        AgencyProfile, {"title": PROFILE["title"]}, {k: v for k, v in PROFILE.items() if k != "title"}
    )
    counts["giới thiệu"] += created

    units = []
    for order, (name, name_en, kind, functions, functions_en, phone, officials) in enumerate(UNITS, start=1):
        unit, created = _get_or_publish(
            Unit,
            {"name": name},
            {
                "name_en": name_en,
                "kind": kind,
                "sort_order": order * 10,
                "functions": [("paragraph", f"<p>{functions}</p>")],
                "functions_en": [("paragraph", f"<p>{functions_en}</p>")],
                "phone": phone,
            },
        )
        counts["đơn vị"] += created
        units.append(unit)
        for rank, (person, title, title_en, person_phone, mailbox) in enumerate(officials, start=1):
            official, created = _get_or_publish(
                Official,
                {"name": person, "unit": unit},
                {
                    "title": title,
                    "title_en": title_en,
                    "phone": person_phone,
                    "email": f"{mailbox}@{EMAIL_DOMAIN}",
                    "sort_order": rank * 10,
                },
            )
            counts["cán bộ"] += created
            if rank == 1 and unit.head_id is None:
                unit.head = official
                content_publish(unit)

    leaders = []
    for order, (name, title, title_en, areas, areas_en, bio, bio_en) in enumerate(LEADERS, start=1):
        leader = Leader.objects.filter(name=name).first()
        if leader is None:
            leader = content_publish(
                Leader(
                    name=name,
                    title=title,
                    title_en=title_en,
                    sort_order=order * 10,
                    photo=_portrait(name),
                    photo_alt=f"Ảnh chân dung {title} {name}",
                    areas="\n".join(areas),
                    areas_en="\n".join(areas_en),
                    biography=f"<p>{bio}</p>",
                    biography_en=f"<p>{bio_en}</p>",
                    phone="0234 3822 498",
                    email=f"{slugify(name).replace('-', '')}@{EMAIL_DOMAIN}",
                )
            )
            counts["lãnh đạo"] += 1
        leaders.append(leader)

    monday = week_of(timezone.localdate()).monday
    for weekday, offset, start, end, who, content, location, participants, unit_index in SCHEDULE:
        date = monday + datetime.timedelta(days=7 * offset + weekday)
        if ScheduleEntry.objects.filter(date=date, content=content).exists():
            continue
        entry = ScheduleEntry(
            date=date,
            start_time=datetime.time.fromisoformat(start) if start else None,
            end_time=datetime.time.fromisoformat(end) if end else None,
            content=content,
            location=location,
            participants=participants,
            preparing_unit=units[unit_index],
        )
        entry.leaders = [leaders[i] for i in who]
        content_publish(entry)
        counts["lịch công tác"] += 1
    return counts
