"""Demo content: three units, about sixty ratings over six months, an open poll and a closed one.

Idempotent: units and polls by name/slug, ratings and votes by a fixed demo key each."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from toasoan.core.abuse import keyed_hash

from . import selectors
from .models import Level, Poll, PollOption, Rating, RatingUnit, Status, Vote

UNITS = [
    ("Bộ phận Tiếp nhận và Trả kết quả", "Tiếp nhận hồ sơ, trả kết quả thủ tục hành chính"),
    ("Phòng Quản lý chuyên ngành", ""),
    ("Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng", "Kiểm định, hiệu chuẩn phương tiện đo"),
]
RATINGS = 60
# Weights of the levels, best first: most people are satisfied, some are not.
LEVEL_WEIGHTS = [(Level.VERY_SATISFIED, 45), (Level.SATISFIED, 30), (Level.NEUTRAL, 15), (Level.DISSATISFIED, 10)]
COMMENTS = {
    Level.VERY_SATISFIED: "Cán bộ hướng dẫn tận tình, hồ sơ được trả trước hẹn.",
    Level.SATISFIED: "Thủ tục rõ ràng, thời gian chờ hợp lý.",
    Level.NEUTRAL: "Cần bố trí thêm ghế ngồi chờ ở khu vực tiếp nhận.",
    Level.DISSATISFIED: "Phải bổ sung hồ sơ hai lần vì hướng dẫn ban đầu chưa đầy đủ.",
}
POLLS = [
    {
        "slug": "kenh-biet-den-cong-thong-tin",
        "question": "Bạn biết đến Cổng thông tin của Sở qua kênh nào?",
        "description": "Ý kiến của bạn giúp Sở chọn kênh truyền thông phù hợp để người dân, doanh nghiệp "
        "tiếp cận thông tin khoa học và công nghệ.",
        "opens": -10,
        "closes": 60,
        "options": [("Zalo", 14), ("Facebook", 11), ("Báo chí", 5), ("Người quen", 7)],
    },
    {
        "slug": "noi-dung-quan-tam-nhat",
        "question": "Bạn quan tâm nhất đến nội dung nào trên Cổng thông tin?",
        "description": "",
        "opens": -75,
        "closes": -30,
        "options": [
            ("Tin tức khoa học và công nghệ", 9),
            ("Thủ tục hành chính", 16),
            ("Văn bản chỉ đạo, điều hành", 6),
            ("Chương trình hỗ trợ doanh nghiệp", 12),
        ],
    },
]


def _demo_key(name: str) -> str:
    return keyed_hash("surveys.demo", name)


@transaction.atomic
def load_demo() -> dict[str, int]:
    counts = {"đơn vị được đánh giá": 0, "lượt đánh giá": 0, "cuộc thăm dò": 0, "lượt bình chọn": 0}
    units = []
    for order, (name, service) in enumerate(UNITS):
        unit, created = RatingUnit.objects.get_or_create(
            name=name, defaults={"service_name": service, "sort_order": order}
        )
        units.append(unit)
        counts["đơn vị được đánh giá"] += created
    counts["lượt đánh giá"] = _load_ratings(units)
    for spec in POLLS:
        created_poll, votes = _load_poll(spec)
        counts["cuộc thăm dò"] += created_poll
        counts["lượt bình chọn"] += votes
    return counts


def _targets(units: list[RatingUnit]) -> list[selectors.Target]:
    groups = dict(selectors.rating_target_groups())
    unit_targets = groups.get("Thái độ phục vụ của đơn vị", []) + groups.get("Dịch vụ đã nhận", [])
    return unit_targets + groups.get("Thủ tục hành chính", [])[:2]


def _load_ratings(units: list[RatingUnit]) -> int:
    targets = _targets(units)
    rng = random.Random(5)  # noqa: S311 - demo data, the same on every machine
    now = timezone.now()
    levels, weights = zip(*LEVEL_WEIGHTS, strict=True)
    created = 0
    for n in range(RATINGS):
        target = targets[n % len(targets)]
        level = rng.choices(levels, weights)[0]
        moment = now - datetime.timedelta(days=rng.randint(0, 179), hours=rng.randint(0, 9))
        pending = n in (7, 31)  # two for the moderation queue
        _, was_created = Rating.objects.get_or_create(
            client_key=_demo_key(f"rating-{n}"),
            defaults={
                "subject": target.subject,
                "unit_id": target.unit_id,
                "procedure_id": target.procedure_id,
                "level": level,
                "comment": COMMENTS[level] if n % 4 == 0 else "",
                "created_at": moment,
                "status": Status.PENDING if pending else Status.COUNTED,
                "flags": "too_fast" if pending else "",
            },
        )
        created += was_created
    return created


def _load_poll(spec: dict) -> tuple[bool, int]:
    now = timezone.now()
    poll, created = Poll.objects.get_or_create(
        slug=spec["slug"],
        defaults={
            "question": spec["question"],
            "description": spec["description"],
            "opens_at": now + datetime.timedelta(days=spec["opens"]),
            "closes_at": now + datetime.timedelta(days=spec["closes"]),
        },
    )
    if created:
        for order, (label, _) in enumerate(spec["options"]):
            PollOption.objects.create(poll=poll, label=label, sort_order=order)
    options = {option.label: option for option in poll.options.all()}
    votes = 0
    for label, count in spec["options"]:
        option = options.get(label)
        if option is None:  # renamed by an editor since: leave it alone
            continue
        for n in range(count):
            moment = max(poll.opens_at, min(now, poll.closes_at) - datetime.timedelta(hours=7 * n + 1))
            _, was_created = Vote.objects.get_or_create(
                client_key=_demo_key(f"vote-{poll.slug}-{label}-{n}"),
                defaults={"poll": poll, "option": option, "created_at": moment},
            )
            votes += was_created
    return created, votes
