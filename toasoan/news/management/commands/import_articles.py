import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from toasoan.news.importer import ImportFormatError, import_paths
from toasoan.news.importer.presets import PRESETS, get_preset, load_presets_file
from toasoan.news.importer.runner import FORMATS, ImportOptions
from toasoan.news.importer.state import Checkpoint, default_state_path

BAR_WIDTH = 30
SELECTOR_OPTIONS = ("title", "date", "body", "author", "sapo", "section", "tags", "image", "attachments")


class Command(BaseCommand):
    help = (
        "Nhập bài viết từ tệp văn bản (định dạng trang cũ), JSON Lines, trang HTML lưu từ cổng cũ hoặc tệp xuất"
        " WordPress (WXR). Chạy lại sẽ cập nhật, không nhân bản; lần chạy bị ngắt sẽ tiếp tục từ chỗ dừng."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Tệp hoặc thư mục (.txt, .jsonl, .html, .xml)")
        parser.add_argument(
            "--section",
            default="Tin tức - Sự kiện",
            help="Chuyên mục cho bài không tự nêu chuyên mục (tạo mới nếu chưa có)",
        )
        parser.add_argument("--format", choices=FORMATS, default="auto", help="Mặc định: theo đuôi tệp")
        html = parser.add_argument_group("Trang HTML")
        html.add_argument("--preset", help="Mẫu bộ chọn CSS có sẵn (xem --list-presets); mặc định “generic”")
        html.add_argument("--presets", type=Path, help="Tệp TOML/JSON khai báo thêm mẫu bộ chọn")
        html.add_argument("--list-presets", action="store_true", help="Liệt kê các mẫu bộ chọn rồi thoát")
        for name in SELECTOR_OPTIONS:
            html.add_argument(f"--{name}-selector", dest=f"{name}_selector", help=f"Bộ chọn CSS cho “{name}”")
        html.add_argument(
            "--remove-selector", action="append", default=[], help="Bộ chọn CSS phần cần bỏ khỏi thân bài (lặp được)"
        )
        html.add_argument("--base-url", default="", help="Địa chỉ gốc của cổng cũ, dùng khi trang không có canonical")
        media = parser.add_argument_group("Ảnh và tệp đính kèm")
        media.add_argument(
            "--media-root", action="append", type=Path, default=[], help="Thư mục chứa ảnh, tệp của cổng cũ (lặp được)"
        )
        wxr = parser.add_argument_group("WordPress (WXR)")
        wxr.add_argument("--include-pages", action="store_true", help="Nhập cả trang (page), không chỉ bài (post)")
        wxr.add_argument(
            "--drafts",
            choices=("skip", "draft"),
            default="skip",
            help="Bản nháp: skip = bỏ qua (mặc định), draft = nhập thành bản nháp chưa xuất bản",
        )
        run = parser.add_argument_group("Tiếp tục")
        run.add_argument("--state", type=Path, help="Tệp trạng thái để tiếp tục lần chạy bị ngắt")
        run.add_argument("--restart", action="store_true", help="Bỏ trạng thái cũ, nhập lại từ đầu")

    def _progress(self, done: int, total: int, label) -> None:
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        end = "\n" if done == total else ""
        name = label.name if isinstance(label, Path) else str(label)
        self.stderr.write(f"\r[{bar}] {done}/{total} {name[:40]:<40}", ending=end)
        sys.stderr.flush()

    def _selectors(self, options):
        if options.get("presets"):
            load_presets_file(options["presets"])
        preset = get_preset(options.get("preset") or "generic")
        overrides = {name: options.get(f"{name}_selector") for name in SELECTOR_OPTIONS}
        selectors = preset.selectors.merged(**overrides, remove=tuple(options.get("remove_selector") or ()))
        selectors.validate()
        return selectors

    def handle(self, *args, paths: list[str], section: str, **options):
        try:
            if options.get("list_presets"):
                if options.get("presets"):
                    load_presets_file(options["presets"])
                for preset in sorted(PRESETS.values(), key=lambda p: p.name):
                    self.stdout.write(f"{preset.name}: {preset.label}")
                return
            if not paths:
                raise CommandError("Cần ít nhất một tệp hoặc thư mục.")
            for root in options.get("media_root") or ():
                if not root.is_dir():
                    raise CommandError(f"Thư mục media không tồn tại: {root}")
            import_options = ImportOptions(
                default_section=section,
                format=options.get("format") or "auto",
                selectors=self._selectors(options),
                base_url=options.get("base_url") or "",
                media_roots=tuple(options.get("media_root") or ()),
                include_pages=bool(options.get("include_pages")),
                drafts=options.get("drafts") or "skip",
            )
        except ImportFormatError as exc:
            raise CommandError(str(exc)) from None
        identity = {"paths": sorted(str(Path(p).resolve()) for p in paths), "options": repr(import_options)}
        checkpoint = Checkpoint(options.get("state") or default_state_path(identity), restart=options.get("restart"))
        if checkpoint.resuming:
            self.stderr.write(f"Tiếp tục lần chạy trước: {len(checkpoint.done)} bài đã nhập sẽ được bỏ qua.")
        try:
            report = import_paths(
                paths,
                default_section=section,
                on_progress=self._progress,
                options=import_options,
                checkpoint=checkpoint,
            )
        except KeyboardInterrupt:
            # Every finished article is committed and in the checkpoint; the one in progress rolled back.
            raise CommandError(
                f"Đã dừng giữa chừng. Chạy lại đúng lệnh này để tiếp tục (trạng thái: {checkpoint.path})."
            ) from None
        for note in report.notes:
            self.stderr.write(f"Bỏ qua: {note}")
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"Cảnh báo: {warning}"))
        for error in report.errors:
            self.stderr.write(self.style.ERROR(f"Lỗi: {error}"))
        if report.failed:
            raise CommandError(report.summary)
        self.stdout.write(self.style.SUCCESS(report.summary))
