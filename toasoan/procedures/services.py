"""Write side of the procedures catalogue: the import (file -> pages), lĩnh vực, the index page.

Each row of an import is its own transaction: a row that fails while saving (a clash with a
page saved meanwhile, a locked page) rolls back alone, so the report stays true — every row it
lists as imported is in the database, every other row is listed with its reason."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.log_actions import LogContext, log
from wagtail.models import Page

from toasoan.core.vietnamese import nfc

from . import selectors
from .importer import ImportFileError, ProcedureRow, RowError, read_table, validate_table
from .models import ProcedureField, ProcedureIndexPage, ProcedurePage
from .rules import fold_key

IMPORT_ACTION = "procedures.import"
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
ACTION_LABELS = {CREATED: "Tạo mới", UPDATED: "Cập nhật", UNCHANGED: "Không đổi"}


@dataclass
class RowResult:
    row_number: int
    code: str
    title: str
    action: str  # CREATED, UPDATED or UNCHANGED
    page_id: int
    live: bool

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]


@dataclass
class ImportReport:
    filename: str
    publish: bool
    file_error: str = ""
    header_row: int = 0
    data_rows: int = 0
    results: list[RowResult] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def _count(self, action: str) -> int:
        return sum(1 for result in self.results if result.action == action)

    @property
    def created(self) -> int:
        return self._count(CREATED)

    @property
    def updated(self) -> int:
        return self._count(UPDATED)

    @property
    def unchanged(self) -> int:
        return self._count(UNCHANGED)

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.errors

    def summary(self) -> str:
        if self.file_error:
            return f"Không nhập được tệp “{self.filename}”: {self.file_error}"
        state = "đã xuất bản" if self.publish else "lưu nháp chờ duyệt"
        return (
            f"Tệp “{self.filename}”: {self.data_rows} dòng thủ tục; {self.created} tạo mới, {self.updated} cập nhật"
            f" ({state}), {self.unchanged} không đổi, {len(self.errors)} dòng lỗi."
        )


def procedures_import(
    *,
    data: bytes,
    filename: str,
    index: ProcedureIndexPage | None = None,
    user=None,
    publish: bool = False,
) -> ImportReport:
    """Import a CSV or Excel list of procedures, keyed by mã thủ tục: new codes become pages under
    `index`, known codes are updated if the row changed, identical rows are left alone. Pages are
    published when `publish` (the importer may publish), otherwise saved as drafts for approval.
    Bad rows are reported, never imported."""
    # Every audit log entry of this import (pages created, published, lĩnh vực added, the import
    # itself) names the importer and shares one id.
    with LogContext(user=user):
        return _import(data=data, filename=filename, index=index, user=user, publish=publish)


def _import(*, data: bytes, filename: str, index: ProcedureIndexPage | None, user, publish: bool) -> ImportReport:
    report = ImportReport(filename=filename, publish=publish)
    index = index or selectors.default_index()
    try:
        if index is None:
            raise ImportFileError(
                "Chưa có trang “Danh mục thủ tục hành chính”: hãy tạo trang này dưới trang chủ rồi nhập lại."
            )
        validated = validate_table(read_table(data, filename))
    except ImportFileError as exc:
        report.file_error = str(exc)
        if index is not None:
            _log_import(index=index, user=user, report=report)
        return report
    report.header_row, report.data_rows = validated.header_row, validated.data_rows
    report.errors, report.warnings = validated.errors, validated.warnings
    for row in validated.rows:
        try:
            report.results.append(procedure_import_row(index=index, row=row, user=user, publish=publish))
        except ValidationError as exc:
            report.errors.append(RowError(row.row_number, row.code, _messages(exc)))
    report.errors.sort(key=lambda error: error.row_number)
    _log_import(index=index, user=user, report=report)
    return report


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{message}" for messages in exc.message_dict.values() for message in messages]
    return list(exc.messages)


@transaction.atomic
def procedure_import_row(
    *, index: ProcedureIndexPage, row: ProcedureRow, user=None, publish: bool = False
) -> RowResult:
    """Create or update the procedure with this row's code. All or nothing."""
    existing = ProcedurePage.objects.filter(code=row.code).select_for_update().first()
    field = procedure_field_get_or_create(name=row.field_name, user=user)
    values = {**row.page_values(), "field_id": field.pk}
    if existing is None:
        page = ProcedurePage(code=row.code, live=False, owner=user if getattr(user, "pk", None) else None, **values)
        index.add_child(instance=page)  # logged as "wagtail.create" by Wagtail itself
        revision = page.save_revision(user=user, log_action=False)
        if publish:
            revision.publish(user=user)
        return _result(row, page, CREATED)

    if existing.locked and existing.locked_by_id != getattr(user, "pk", None):
        raise ValidationError("Thủ tục đang bị khóa trong trang quản trị nên chưa được cập nhật.")
    draft = existing.get_latest_revision_as_object()
    changed = any(getattr(draft, name) != value for name, value in values.items())
    if changed:
        for name, value in values.items():
            setattr(draft, name, value)
        revision = draft.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
        return _result(row, existing, UPDATED)
    if publish and (not existing.live or existing.has_unpublished_changes):
        # The same content, saved as a draft by an earlier import: publish it now.
        existing.get_latest_revision().publish(user=user)
        return _result(row, existing, UPDATED)
    return _result(row, existing, UNCHANGED)


def _result(row: ProcedureRow, page: Page, action: str) -> RowResult:
    page.refresh_from_db(fields=["live"])
    return RowResult(row.row_number, row.code, row.title, action, page.pk, page.live)


@transaction.atomic
def procedure_field_get_or_create(*, name: str, user=None) -> ProcedureField:
    """The lĩnh vực named `name` — also when written without diacritics or in another case —
    or a new one."""
    name = nfc(" ".join(name.split()))
    field = ProcedureField.objects.filter(name=name).first()
    if field is not None:
        return field
    key = fold_key(name)
    matches = [f for f in ProcedureField.objects.all() if fold_key(f.name) == key]
    exact_case = [f for f in matches if f.name.casefold() == name.casefold()]
    if exact_case or len(matches) == 1:
        return (exact_case or matches)[0]
    field = ProcedureField.objects.create(name=name)
    log(instance=field, action="wagtail.create", user=user)
    return field


@transaction.atomic
def index_page_get_or_create(*, home: Page, title: str, slug: str, intro: str = "") -> tuple[ProcedureIndexPage, bool]:
    """The catalogue page under `home`, created and published if missing."""
    index = ProcedureIndexPage.objects.child_of(home).first()
    if index is not None:
        return index, False
    index = ProcedureIndexPage(title=title, slug=slug, intro=intro)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index, True


def _log_import(*, index: ProcedureIndexPage, user, report: ImportReport) -> None:
    with transaction.atomic():
        log(
            instance=index,
            action=IMPORT_ACTION,
            user=user,
            data={
                "filename": report.filename,
                "published": report.publish,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "errors": len(report.errors),
                "file_error": report.file_error,
            },
        )
