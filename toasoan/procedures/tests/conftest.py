"""Fixtures for the procedures tests: a catalogue page and a factory of procedures."""

import pytest

from toasoan.procedures.models import ProcedureField, ProcedureIndexPage, ProcedurePage


@pytest.fixture
def catalogue_page(home) -> ProcedureIndexPage:
    index = ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def field_khcn(db) -> ProcedureField:
    return ProcedureField.objects.create(name="Hoạt động khoa học và công nghệ")


@pytest.fixture
def field_buc_xa(db) -> ProcedureField:
    return ProcedureField.objects.create(name="Năng lượng nguyên tử, an toàn bức xạ và hạt nhân")


@pytest.fixture
def make_procedure(catalogue_page):
    """make_procedure(code, title, field, level="tinh", live=True, **fields) -> a procedure page."""

    def make(code: str, title: str, field: ProcedureField, level: str = "tinh", live: bool = True, **fields):
        procedure = ProcedurePage(title=title, code=code, field=field, level=level, live=False, **fields)
        catalogue_page.add_child(instance=procedure)
        revision = procedure.save_revision()
        if live:
            revision.publish()
        procedure.refresh_from_db()
        return procedure

    return make
