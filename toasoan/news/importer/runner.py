"""Run an import over files and folders: one transaction per article, errors collected, never fatal."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from ..services import ArticleData, article_import, section_get_or_create
from .decoding import read_text
from .errors import ImportFormatError
from .jsonl_format import parse_jsonl
from .text_format import parse_text_page

SUFFIXES = {".txt": "text", ".jsonl": "jsonl", ".ndjson": "jsonl"}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def fail(self, where: str, reason: str) -> None:
        self.failed += 1
        self.errors.append(f"{where}: {reason}")


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Files to import (folders walked recursively, sorted) and the paths that do not exist."""
    files, missing = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(str(path))
    return files, missing


def _import_one(data: ArticleData, section_title: str, report: ImportReport) -> None:
    with transaction.atomic():  # a new section and its first article stand or fall together
        section, _ = section_get_or_create(title=section_title)
        _, created = article_import(section=section, data=data)
    if created:
        report.created += 1
    else:
        report.updated += 1


def import_file(path: Path, default_section: str, report: ImportReport) -> None:
    try:
        text = read_text(path)
        if SUFFIXES.get(path.suffix.lower()) == "jsonl":
            for record in parse_jsonl(text, default_section):
                if record.error:
                    report.fail(f"{path}:{record.line_number}", record.error)
                    continue
                try:
                    _import_one(record.data, record.section, report)
                except Exception as exc:  # one bad record never stops the file
                    report.fail(f"{path}:{record.line_number}", f"lỗi khi lưu bài viết ({exc}).")
        else:
            _import_one(parse_text_page(text), default_section, report)
    except ImportFormatError as exc:
        report.fail(str(path), str(exc))
    except Exception as exc:  # report and go on: the other files still import
        report.fail(str(path), f"lỗi khi lưu bài viết ({exc}).")


def import_paths(
    paths: Iterable[str | Path],
    *,
    default_section: str,
    on_progress: Callable[[int, int, Path], None] | None = None,
) -> ImportReport:
    report = ImportReport()
    files, missing = collect_files(paths)
    for path in missing:
        report.fail(path, "không tìm thấy tệp hoặc thư mục.")
    for index, path in enumerate(files, start=1):
        import_file(path, default_section, report)
        if on_progress:
            on_progress(index, len(files), path)
    return report
