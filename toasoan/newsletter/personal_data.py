"""The newsletter's part of one person's data (core.personal_data): the subscriber with that email.

Nothing needs keeping once a person asks to be forgotten: the subscriber goes with its consent
records, sections and deliveries (cascade). Links already mailed then find nobody, and a queued
confirmation finds no consent record and sends nothing."""

from django.utils import timezone

from toasoan.core import personal_data
from toasoan.core.personal_data import Erasure, Export, Holding, Person

from .models import Subscriber


def _subscribers(person: Person):
    if not person.email:
        return Subscriber.objects.none()
    return Subscriber.objects.filter(email__iexact=person.email)


def _date(value) -> str:
    return timezone.localtime(value).isoformat() if value else ""


def find(person: Person) -> Holding:
    subscribers = list(_subscribers(person))
    lines = [
        f"Đăng ký nhận bản tin ngày {timezone.localtime(s.created_at):%d/%m/%Y}, {s.get_status_display()}"
        for s in subscribers
    ]
    return Holding(count=len(subscribers), lines=lines)


def export(person: Person) -> Export:
    result = Export(tables={"dang_ky_ban_tin": [], "dong_y_nhan_ban_tin": []})
    for subscriber in _subscribers(person).prefetch_related("consents", "deliveries"):
        result.tables["dang_ky_ban_tin"].append(
            {
                "thư điện tử": subscriber.email,
                "trạng thái": subscriber.get_status_display(),
                "chuyên mục nhận tin": subscriber.section_titles(),
                "ngày tạo": _date(subscriber.created_at),
                "ngày xác nhận": _date(subscriber.confirmed_at),
                "ngày hủy đăng ký": _date(subscriber.unsubscribed_at),
                "số bản tin đã gửi": sum(1 for d in subscriber.deliveries.all() if d.status == d.Status.SENT),
            }
        )
        for consent in subscriber.consents.all():
            result.tables["dong_y_nhan_ban_tin"].append(
                {
                    "thư điện tử": subscriber.email,
                    "thời điểm đồng ý": _date(consent.created_at),
                    "nội dung đồng ý": consent.consent_text,
                    "phiên bản nội dung đồng ý": consent.consent_version,
                    "chính sách bảo vệ dữ liệu cá nhân": consent.policy_url,
                    "phiên bản chính sách": consent.policy_version,
                    "biểu mẫu thu thập": consent.source,
                    "thời điểm xác nhận": _date(consent.confirmed_at),
                }
            )
    return result


def erase(person: Person) -> Erasure:
    result = Erasure()
    for subscriber in _subscribers(person).select_for_update():
        personal_data.redact_log_entries(subscriber, person, label=f"Người đăng ký bản tin #{subscriber.pk} (đã xóa)")
        subscriber.delete()
        result.deleted += 1
    return result


personal_data.register("newsletter", label="Bản tin", find=find, export=export, erase=erase, order=30)
