"""Run an import over files and folders: one transaction per article, errors collected, never fatal.

Every input is first planned into items (one per article: a text or HTML file, a JSON line, a WXR
post), so the progress bar counts articles and the checkpoint can skip the ones already done.
"""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from ..services import ArticleData, article_import, section_get_or_create
from .decoding import read_text
from .errors import ImportFormatError
from .html_format import Selectors, parse_html_page, read_html
from .jsonl_format import parse_jsonl
from .media import MediaLibrary
from .state import Checkpoint
from .store import save_parsed
from .text_format import parse_text_page
from .wxr_format import parse_wxr

SUFFIXES = {
    ".txt": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xml": "wxr",
}
FORMATS = ("auto", "text", "jsonl", "html", "wxr")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    failed: int = 0
    skipped: int = 0  # left out on purpose (drafts, pages)
    resumed: int = 0  # done by an earlier, interrupted run
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def fail(self, where: str, reason: str) -> None:
        self.failed += 1
        self.errors.append(f"{where}: {reason}")

    def skip(self, where: str, reason: str) -> None:
        self.skipped += 1
        self.notes.append(f"{where}: {reason}")

    def warn(self, where: str, reason: str) -> None:
        self.warnings.append(f"{where}: {reason}")

    def count(self, created: bool) -> None:
        if created:
            self.created += 1
        else:
            self.updated += 1

    @property
    def summary(self) -> str:
        text = f"Đã tạo: {self.created}, đã cập nhật: {self.updated}, lỗi: {self.failed}"
        extras = [
            (self.skipped, "bỏ qua"),
            (self.resumed, "đã nhập ở lần chạy trước"),
            (len(self.warnings), "cảnh báo"),
        ]
        return text + "".join(f", {label}: {n}" for n, label in extras if n)


@dataclass
class ImportOptions:
    """How to read the inputs. Only default_section matters for text and JSON Lines."""

    default_section: str
    format: str = "auto"
    selectors: Selectors | None = None
    base_url: str = ""
    media_roots: tuple[Path, ...] = ()
    include_pages: bool = False
    drafts: str = "skip"  # WXR drafts: "skip" or "draft"


@dataclass
class Item:
    where: str
    label: Path | str  # what the progress bar shows
    key: str = ""  # checkpoint key; empty: never checkpointed
    run: Callable[[ImportReport], None] | None = None
    error: str = ""
    skipped: str = ""


def collect_files(
    paths: Iterable[str | Path], suffixes: Iterable[str] = SUFFIXES
) -> tuple[list[tuple[Path, Path]], list[str]]:
    """(file, the input folder it was found in) to import, folders walked recursively and sorted, and
    the paths that do not exist."""
    suffixes = set(suffixes)
    files, missing = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
            files.extend((p, path) for p in found)
        elif path.is_file():
            files.append((path, path.parent))
        else:
            missing.append(str(path))
    return files, missing


def _import_one(data: ArticleData, section_title: str, report: ImportReport) -> None:
    with transaction.atomic():  # a new section and its first article stand or fall together
        section, _ = section_get_or_create(title=section_title)
        _, created = article_import(section=section, data=data)
    report.count(created)


def _file_key(path: Path) -> str:
    stat = path.stat()
    return f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"


def _format_of(path: Path, options: ImportOptions) -> str:
    if options.format != "auto":
        return options.format
    return SUFFIXES.get(path.suffix.lower(), "text")


def plan_file(path: Path, root: Path, options: ImportOptions, media: MediaLibrary) -> list[Item]:
    kind = _format_of(path, options)
    where = str(path)
    if kind == "text":
        return [
            Item(
                where,
                path,
                _file_key(path),
                lambda report: _import_one(parse_text_page(read_text(path)), options.default_section, report),
            )
        ]
    if kind == "html":

        def run_html(report: ImportReport) -> None:
            parsed = parse_html_page(
                read_html(path), options.selectors or Selectors(), path=path, base_url=options.base_url, root=root
            )
            result = save_parsed(parsed, default_section=options.default_section, media=media)
            report.count(result.created)
            for warning in result.warnings:
                report.warn(where, warning)

        return [Item(where, path, _file_key(path), run_html)]
    try:
        if kind == "jsonl":
            return _plan_jsonl(path, options)
        return _plan_wxr(path, options, media)
    except ImportFormatError as exc:
        return [Item(where, path, error=str(exc))]


def _plan_jsonl(path: Path, options: ImportOptions) -> list[Item]:
    items = []
    for record in parse_jsonl(read_text(path), options.default_section):
        where = f"{path}:{record.line_number}"
        if record.error:
            items.append(Item(where, path, error=record.error))
            continue
        key = f"{path.resolve()}:{record.line_number}|{hashlib.sha256(repr(record.data).encode()).hexdigest()}"
        items.append(Item(where, path, key, lambda report, r=record: _import_one(r.data, r.section, report)))
    return items


def _plan_wxr(path: Path, options: ImportOptions, media: MediaLibrary) -> list[Item]:
    from .decoding import MAX_FILE_BYTES

    if path.stat().st_size > MAX_FILE_BYTES * 10:
        raise ImportFormatError("Tệp WXR quá lớn; hãy xuất theo từng năm hoặc từng chuyên mục.")
    items = []
    for post in parse_wxr(
        path.read_bytes(), include_pages=options.include_pages, drafts=options.drafts, where=str(path)
    ):
        if post.error or post.skipped:
            items.append(Item(post.where, path, error=post.error, skipped=post.skipped))
            continue

        def run_post(report: ImportReport, article=post.article, where=post.where) -> None:
            result = save_parsed(article, default_section=options.default_section, media=media)
            report.count(result.created)
            for warning in result.warnings:
                report.warn(where, warning)

        digest = hashlib.sha256(repr(post.article).encode()).hexdigest()
        items.append(Item(post.where, post.article.title, f"{post.key}|{digest}", run_post))
    return items


def import_paths(
    paths: Iterable[str | Path],
    *,
    default_section: str,
    on_progress: Callable[[int, int, Path | str], None] | None = None,
    options: ImportOptions | None = None,
    checkpoint: Checkpoint | None = None,
) -> ImportReport:
    options = options or ImportOptions(default_section=default_section)
    checkpoint = checkpoint or Checkpoint(None)
    media = MediaLibrary(roots=options.media_roots)
    report = ImportReport()
    suffixes = SUFFIXES if options.format == "auto" else [s for s, f in SUFFIXES.items() if f == options.format]
    files, missing = collect_files(paths, suffixes)
    for path in missing:
        report.fail(path, "không tìm thấy tệp hoặc thư mục.")
    items = [item for path, root in files for item in plan_file(path, root, options, media)]
    try:
        for index, item in enumerate(items, start=1):
            _run_item(item, report, checkpoint, media)
            if on_progress:
                on_progress(index, len(items), item.label)
    finally:
        checkpoint.close()
    checkpoint.finish()
    return report


def _run_item(item: Item, report: ImportReport, checkpoint: Checkpoint, media: MediaLibrary) -> None:
    if item.key in checkpoint:
        report.resumed += 1
    elif item.error:
        report.fail(item.where, item.error)
    elif item.skipped:
        report.skip(item.where, item.skipped)
    else:
        try:
            item.run(report)
        except ImportFormatError as exc:
            media.forget()
            report.fail(item.where, str(exc))
        except Exception as exc:  # report and go on: the other articles still import
            media.forget()  # the article's images and documents were rolled back with it
            report.fail(item.where, f"lỗi khi lưu bài viết ({exc}).")
        except BaseException:  # Ctrl+C: the article in progress rolled back
            media.forget()
            raise
        else:
            media.committed()
            checkpoint.add(item.key)
