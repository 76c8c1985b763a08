"""Surveys' part of one person's data (core.personal_data). Ratings and votes are anonymous (only
a keyed hash of address, target and day), but a rating's free comment may hold the rater's email
or phone number: those comments are found and, on erasure, emptied; the rating itself still
counts in the statistics."""

from django.db.models import Q
from django.utils import timezone

from toasoan.core import personal_data
from toasoan.core.personal_data import Erasure, Export, Holding, Person

from .models import Rating


def _ratings(person: Person) -> list[Rating]:
    # A cheap SQL filter first (the email, or the number's last two digits, which no usual
    # writing splits), then the exact match in Python.
    match = Q(pk__in=[])
    if person.email:
        match |= Q(comment__icontains=person.email)
    if person.phone:
        match |= Q(comment__contains=person.phone[-2:])
    candidates = Rating.objects.exclude(comment="").filter(match).select_related("unit", "procedure")
    return [rating for rating in candidates.order_by("created_at", "pk") if person.mentioned_in(rating.comment)]


def find(person: Person) -> Holding:
    ratings = _ratings(person)
    lines = [
        f"Ý kiến kèm đánh giá ngày {timezone.localtime(r.created_at):%d/%m/%Y} về “{r.target_label}”" for r in ratings
    ]
    return Holding(count=len(ratings), lines=lines)


def export(person: Person) -> Export:
    rows = [
        {
            "thời điểm gửi": timezone.localtime(rating.created_at).isoformat(),
            "nội dung đánh giá": rating.target_label,
            "mức độ hài lòng": rating.get_level_display(),
            "ý kiến thêm": rating.comment,
        }
        for rating in _ratings(person)
    ]
    return Export(tables={"y_kien_danh_gia": rows})


def erase(person: Person) -> Erasure:
    result = Erasure()
    for rating in _ratings(person):
        rating.comment = ""
        rating.save(update_fields=["comment"])
        result.anonymised += 1
    return result


personal_data.register("surveys", label="Ý kiến kèm đánh giá hài lòng", find=find, export=export, erase=erase, order=40)
