"""Export and erasure of one person's data across apps (core.personal_data sources; this module
never imports the apps). Both are audit-logged with Wagtail's log(), naming the person only by
keyed hashes of the identifiers looked up: the log entry holds no personal data."""

import csv
import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from toasoan.core import abuse, personal_data
from toasoan.core.models import AgencySettings
from toasoan.core.personal_data import Erasure, Person
from toasoan.core.selectors import default_site

EXPORT_ACTION = "trust.personal_data.export"
ERASE_ACTION = "trust.personal_data.erase"
LOG_TITLE = "Dữ liệu cá nhân"
README = """Dữ liệu cá nhân do {agency} lưu giữ
Người yêu cầu: {who}
Thời điểm trích xuất: {when}

du-lieu-ca-nhan.json: toàn bộ dữ liệu, theo từng mục.
Các tệp .csv: từng bảng dữ liệu (UTF-8, mở được bằng Excel).
Thư mục phan-anh/: tệp đính kèm đã gửi cùng phản ánh, kiến nghị.
"""


@dataclass(frozen=True)
class ExportArchive:
    filename: str
    content: bytes
    counts: dict[str, int]


def identifier_hashes(person: Person) -> dict[str, str]:
    """What the log keeps of whom the action was about: countable, checkable, not readable."""
    hashes = {}
    if person.email:
        hashes["email_hash"] = abuse.keyed_hash("personal_data", person.email)
    if person.phone:
        hashes["phone_hash"] = abuse.keyed_hash("personal_data", person.phone)
    return hashes


def _log(action: str, person: Person, user, counts: Mapping[str, int]) -> None:
    site = default_site()
    settings = AgencySettings.for_site(site) if site else AgencySettings.objects.first()
    data = {**identifier_hashes(person), "counts": dict(counts)}
    log(settings, action, user=user, title=LOG_TITLE, data=data)


def _csv(rows: list[dict]) -> bytes:
    # UTF-8 with a BOM for Excel; a cell starting like a formula is made text (CSV injection).
    headers = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_cell(row.get(header, "")) for header in headers])
    return ("\ufeff" + out.getvalue()).encode()


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_archive(*, person: Person, user=None) -> ExportArchive:
    """A ZIP of everything the apps hold about the person: one JSON with every table, a CSV per
    table and the files they sent. Logged (without the personal data)."""
    now = timezone.localtime()
    document, counts, files = {}, {}, []
    for source in personal_data.sources():
        exported = source.export(person)
        document[source.name] = {"mục": source.label, **exported.tables}
        counts[source.name] = sum(len(rows) for rows in exported.tables.values())
        files.extend(exported.files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        site = default_site()
        agency = (AgencySettings.for_site(site).name if site else "") or "cơ quan"
        who = ", ".join(person.identifiers())
        archive.writestr("doc-truoc.txt", README.format(agency=agency, who=who, when=f"{now:%d/%m/%Y %H:%M}"))
        payload = {"người yêu cầu": who, "thời điểm trích xuất": now.isoformat(), "dữ liệu": document}
        archive.writestr("du-lieu-ca-nhan.json", json.dumps(payload, ensure_ascii=False, indent=2, default=str))
        for source_name, tables in document.items():
            for table, rows in tables.items():
                if table != "mục" and rows:
                    archive.writestr(f"{source_name}-{table}.csv", _csv(rows))
        for file in files:
            try:
                archive.writestr(file.name, file.read())
            except OSError:
                archive.writestr(file.name + ".khong-doc-duoc.txt", "Tệp không còn trên máy chủ.")
    with transaction.atomic():
        _log(EXPORT_ACTION, person, user, counts)
    return ExportArchive(filename=f"du-lieu-ca-nhan-{now:%Y%m%d-%H%M}.zip", content=buffer.getvalue(), counts=counts)


@dataclass(frozen=True)
class ErasureReport:
    results: list[tuple[str, Erasure]]  # (source label, what its eraser did)

    @property
    def total(self) -> int:
        return sum(result.total for _, result in self.results)


@transaction.atomic
def erase(*, person: Person, user=None) -> ErasureReport:
    """Erase the person's data in every app, in one transaction: if any app fails, nothing
    changes. Attachments' files, the page cache and outage copies of the pages that showed the
    data follow on commit. Logged (without the personal data)."""
    done = [(source, source.erase(person)) for source in personal_data.sources()]
    paths = sorted({urlsplit(path).path for _, result in done for path in result.public_paths})
    if paths:
        _refresh_public_pages(paths)
    _log(ERASE_ACTION, person, user, {source.name: result.total for source, result in done})
    return ErasureReport(results=[(source.label, result) for source, result in done])


def _refresh_public_pages(paths: list[str]) -> None:
    """A new page cache generation and no outage copy left of the pages that showed the data
    (they are rendered again, without it, on their next request)."""
    from toasoan.publishing import pagecache
    from toasoan.publishing.invalidation import invalidate_on_commit

    invalidate_on_commit()

    def drop() -> None:
        store = pagecache.get_store()
        for path in paths:
            store.drop_static(path, descendants=False)

    transaction.on_commit(drop)
