"""Surveys' registration with core.personal_data: a rating comment naming the person is found
and emptied; the rating still counts; other comments are left alone."""

import pytest

from toasoan.core.personal_data import Person

from .. import personal_data
from ..models import Rating

pytestmark = pytest.mark.django_db


def rating(unit, comment: str) -> Rating:
    return Rating.objects.create(subject=Rating.Subject.UNIT, unit=unit, level=2, comment=comment, client_key="k")


def test_comments_naming_the_person_are_found_and_emptied(units):
    unit = units["one_stop"]
    by_phone = rating(unit, "Gọi tôi: +84 912 345 678.")
    by_email = rating(unit, "Thư: An@Example.vn")
    others = [
        rating(unit, "Số khác 0912 345 679, thư toan@example.vn"),
        rating(unit, "Phục vụ tốt"),
        rating(unit, ""),
    ]
    person = Person.from_input(email="an@example.vn", phone="0912345678")
    assert personal_data.find(person).count == 2
    assert [row["ý kiến thêm"] for row in personal_data.export(person).tables["y_kien_danh_gia"]] == [
        by_phone.comment,
        by_email.comment,
    ]
    assert personal_data.erase(person).anonymised == 2
    assert Rating.objects.filter(pk__in=[by_phone.pk, by_email.pk], comment="", level=2).count() == 2
    for other in others:
        assert Rating.objects.get(pk=other.pk).comment == other.comment
    assert personal_data.find(person).count == 0
