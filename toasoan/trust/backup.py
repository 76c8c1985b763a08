"""Backup and restore of the database and the media trees, as one archive.

The archive (a .tar.gz) holds:
- ``manifest.json``: format version, creation time, engine, Django/Wagtail versions, the latest applied
  migration per app and every archived file with its sha256 and size;
- ``database.sqlite3`` (SQLite's online backup API) or ``database.dump`` (``pg_dump --format=custom``);
- ``media/...`` (MEDIA_ROOT, or the objects of the media storage when it is not a local directory:
  S3, TOASOAN_MEDIA_STORAGE=s3) and ``private/...`` (TOASOAN_PRIVATE_MEDIA_ROOT, feedback attachments).

restore_backup() verifies the manifest and every checksum before it touches anything, then swaps the
database and the media trees in, and starts a new page cache generation. Media on S3 are put back
through the storage: objects missing (or of another size) are uploaded under their own names; objects
the archive lacks are left in place (files uploaded after the backup, now unreferenced: nothing is
deleted from the bucket). An archive restores onto either kind of media storage.

Errors meant for the operator are BackupError, with a Vietnamese message.
"""

import contextlib
import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import stat as stat_module
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.db import connections

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_DUMP = "database.sqlite3"
POSTGRES_DUMP = "database.dump"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator (Vietnamese)."""


def _database() -> dict:
    return settings.DATABASES["default"]


def engine() -> str:
    name = _database()["ENGINE"]
    if name.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in name:
        return "postgresql"
    raise BackupError(f"Không hỗ trợ sao lưu cơ sở dữ liệu loại {name}.")


def media_storage():
    """The media storage when it is not a directory on this server (S3): its files are read and
    written through the storage API. None for local media (MEDIA_ROOT)."""
    from django.core.files.storage import FileSystemStorage, storages

    storage = storages["default"]
    return None if isinstance(storage, FileSystemStorage) else storage


def media_roots() -> dict[str, Path]:
    """Archive prefix -> directory on disk (media only when they are local)."""
    roots = {} if media_storage() is not None else {"media": Path(settings.MEDIA_ROOT)}
    private = getattr(settings, "TOASOAN_PRIVATE_MEDIA_ROOT", None)
    if private:
        roots["private"] = Path(private)
    return roots


def default_output_dir() -> Path:
    return Path(settings.VAR_DIR) / "backups"


def migration_state() -> dict[str, str]:
    """The latest applied migration per app (by the order they were applied)."""
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connections["default"]).migration_qs.order_by("id").values_list("app", "name"):
        latest[app] = name
    return dict(sorted(latest.items()))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class _HashingReader:
    """Reads exactly `size` bytes of a file for tarfile, hashing them on the way."""

    def __init__(self, handle, size: int):
        self.handle = handle
        self.remaining = size
        self.digest = hashlib.sha256()

    def read(self, n: int = -1) -> bytes:
        if n < 0 or n > self.remaining:
            n = self.remaining
        data = self.handle.read(n)
        if len(data) < n:
            # Truncated while read: the tar member would be short, so this backup cannot go on.
            raise BackupError(f"Tệp {self.handle.name} bị cắt ngắn trong lúc sao lưu: hãy chạy lại.")
        self.remaining -= len(data)
        self.digest.update(data)
        return data


# --- dumping the database ----------------------------------------------------------------------


def _dump_sqlite(dest: Path) -> None:
    source_path = _database()["NAME"]
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    target = sqlite3.connect(dest)
    try:
        with target:
            source.backup(target)
        # A self-contained file: no -wal beside it.
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()
        source.close()


def _pg_env_and_args() -> tuple[dict, list[str]]:
    db = _database()
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    args += ["--dbname", str(db["NAME"])]
    return env, args


def _run_pg(argv: list[str], env: dict) -> None:
    try:
        result = subprocess.run(argv, env=env, capture_output=True, text=True)  # noqa: S603 (argv is ours, no shell)
    except FileNotFoundError as error:
        raise BackupError(f"Không tìm thấy chương trình {argv[0]} (cài gói postgresql-client).") from error
    if result.returncode != 0:
        raise BackupError(f"{argv[0]} thất bại: {result.stderr.strip()}")


def _dump_postgres(dest: Path) -> None:
    env, args = _pg_env_and_args()
    _run_pg(["pg_dump", "--format=custom", "--no-password", "--file", str(dest), *args], env)


# --- backup -------------------------------------------------------------------------------------


def create_backup(output_dir: Path | None = None, warn: Callable[[str], None] = lambda message: None) -> Path:
    """Write one archive of the database and the media trees; return its path."""
    kind = engine()
    output_dir = Path(output_dir or default_output_dir())
    output_dir.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC)
    final = output_dir / f"toasoan-backup-{now:%Y%m%d-%H%M%S}.tar.gz"
    counter = 1
    while final.exists():
        final = output_dir / f"toasoan-backup-{now:%Y%m%d-%H%M%S}-{counter}.tar.gz"
        counter += 1
    partial = output_dir / f".{final.name}.partial"
    files: list[dict] = []
    with tempfile.TemporaryDirectory(dir=output_dir, prefix=".backup-") as staging:
        dump_name = SQLITE_DUMP if kind == "sqlite" else POSTGRES_DUMP
        dump = Path(staging) / dump_name
        migrations = migration_state()
        if kind == "sqlite":
            _dump_sqlite(dump)
        else:
            _dump_postgres(dump)
        try:
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(dump, arcname=dump_name)
                files.append({"path": dump_name, "sha256": _sha256(dump), "size": dump.stat().st_size})
                for prefix, root in media_roots().items():
                    files += _add_tree(archive, prefix, root, warn)
                storage = media_storage()
                if storage is not None:
                    files += _add_storage(archive, "media", storage, warn)
                manifest = {
                    "format_version": FORMAT_VERSION,
                    "created_at": now.isoformat(),
                    "engine": kind,
                    "django_version": django.get_version(),
                    "wagtail_version": wagtail.__version__,
                    "migrations": migrations,
                    "roots": sorted({*media_roots(), "media"}),
                    "media_storage": "local" if storage is None else type(storage).__name__,
                    "files": files,
                }
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(now.timestamp())
                archive.addfile(info, io.BytesIO(data))
            with open(partial, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(partial, final)
        finally:
            partial.unlink(missing_ok=True)
    return final


def _add_tree(archive: tarfile.TarFile, prefix: str, root: Path, warn: Callable[[str], None]) -> list[dict]:
    entries = []
    if not root.is_dir():
        return entries
    for directory, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for filename in sorted(filenames):
            path = Path(directory) / filename
            relative = path.relative_to(root).as_posix()
            arcname = f"{prefix}/{relative}"
            try:
                with path.open("rb") as handle:
                    stat = os.fstat(handle.fileno())
                    if not stat_module.S_ISREG(stat.st_mode):
                        continue
                    info = tarfile.TarInfo(arcname)
                    info.size = stat.st_size
                    info.mtime = int(stat.st_mtime)
                    info.mode = 0o644
                    reader = _HashingReader(handle, stat.st_size)
                    archive.addfile(info, reader)
            except FileNotFoundError:
                warn(f"Bỏ qua {arcname}: tệp đã bị xoá trong lúc sao lưu.")
                continue
            entries.append({"path": arcname, "sha256": reader.digest.hexdigest(), "size": stat.st_size})
    return entries


def _storage_names(storage, directory: str = ""):
    """Every file name in a storage, sorted, depth first."""
    directories, names = storage.listdir(directory)
    prefix = f"{directory}/" if directory else ""
    for name in sorted(names):
        yield prefix + name
    for child in sorted(directories):
        yield from _storage_names(storage, prefix + child)


def _add_storage(archive: tarfile.TarFile, prefix: str, storage, warn: Callable[[str], None]) -> list[dict]:
    entries = []
    try:
        names = list(_storage_names(storage))
    except Exception as error:  # botocore's errors: credentials, network, missing bucket
        raise BackupError(f"Không đọc được kho lưu trữ tệp media ({type(storage).__name__}): {error}") from error
    for name in names:
        arcname = f"{prefix}/{name}"
        try:
            size = storage.size(name)
            with storage.open(name, "rb") as handle:
                info = tarfile.TarInfo(arcname)
                info.size = size
                info.mtime = int(storage.get_modified_time(name).timestamp())
                info.mode = 0o644
                reader = _HashingReader(handle, size)
                archive.addfile(info, reader)
        except FileNotFoundError:
            warn(f"Bỏ qua {arcname}: tệp đã bị xoá trong lúc sao lưu.")
            continue
        entries.append({"path": arcname, "sha256": reader.digest.hexdigest(), "size": size})
    return entries


# --- restore ------------------------------------------------------------------------------------


def _read_archive(archive_path: Path, into: Path) -> dict:
    """Extract the archive into `into` and verify it; return the manifest."""
    corrupt = f"Tệp sao lưu {archive_path.name} bị hỏng hoặc không đọc được"
    if not archive_path.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {archive_path}.")
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(into, filter="data")
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(f"{corrupt} ({error}).") from error
    try:
        manifest = json.loads((into / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{corrupt}: thiếu hoặc hỏng manifest.json.") from error
    if not isinstance(manifest, dict) or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"{corrupt}: phiên bản định dạng không được hỗ trợ.")
    listed = {}
    for entry in manifest.get("files", []):
        path = into / entry["path"]
        if not path.is_file():
            raise BackupError(f"{corrupt}: thiếu tệp {entry['path']}.")
        if path.stat().st_size != entry["size"] or _sha256(path) != entry["sha256"]:
            raise BackupError(f"{corrupt}: mã kiểm tra (sha256) của {entry['path']} không khớp.")
        listed[entry["path"]] = entry
    for directory, _dirnames, filenames in os.walk(into):
        for filename in filenames:
            relative = (Path(directory) / filename).relative_to(into).as_posix()
            if relative != MANIFEST and relative not in listed:
                raise BackupError(f"{corrupt}: tệp {relative} không có trong manifest.")
    return manifest


def _check_compatible(manifest: dict) -> None:
    kind = engine()
    if manifest.get("engine") != kind:
        raise BackupError(
            f"Bản sao lưu dành cho cơ sở dữ liệu {manifest.get('engine')}, "
            f"nhưng cổng đang dùng {kind}: không thể khôi phục."
        )
    dump = SQLITE_DUMP if kind == "sqlite" else POSTGRES_DUMP
    if dump not in {entry["path"] for entry in manifest["files"]}:
        raise BackupError("Bản sao lưu không chứa cơ sở dữ liệu.")
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, name in manifest.get("migrations", {}).items() if (app, name) not in known]
    if unknown:
        raise BackupError(
            "Bản sao lưu được tạo từ phiên bản mã mới hơn (các migration chưa có trong mã hiện tại: "
            f"{', '.join(sorted(unknown))}). Hãy cập nhật mã trước khi khôi phục."
        )


def verify_backup(archive_path: Path) -> dict:
    """Check an archive without touching anything; return its manifest."""
    with tempfile.TemporaryDirectory(prefix="toasoan-verify-") as staging:
        manifest = _read_archive(Path(archive_path), Path(staging))
        _check_compatible(manifest)
    return manifest


def restore_backup(archive_path: Path) -> dict:
    """Replace the database and media with the archive's; return its manifest."""
    archive_path = Path(archive_path)
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".restore-") as staging_name:
        staging = Path(staging_name)
        manifest = _read_archive(archive_path, staging)
        _check_compatible(manifest)
        # Verified: from here on, data is replaced.
        if manifest["engine"] == "sqlite":
            _restore_sqlite(staging / SQLITE_DUMP)
        else:
            _restore_postgres(staging / POSTGRES_DUMP)
        for prefix, root in media_roots().items():
            _swap_tree(staging / prefix, root)
        storage = media_storage()
        if storage is not None:
            _restore_storage(staging / "media", storage)
    _new_page_cache_generation()
    return manifest


def _restore_sqlite(dump: Path) -> None:
    target = Path(_database()["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    connections.close_all()
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.restore-")
    os.close(handle)
    try:
        source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
        dest = sqlite3.connect(temporary)
        try:
            with dest:
                source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
            source.close()
        with open(temporary, "rb") as synced:
            os.fsync(synced.fileno())
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)


def _restore_postgres(dump: Path) -> None:
    connections.close_all()
    env, args = _pg_env_and_args()
    _run_pg(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--no-password",
            *args,
            str(dump),
        ],
        env,
    )


def _swap_tree(source: Path, root: Path) -> None:
    """Put `source` (maybe absent: an empty tree) in place of `root`, with renames next to root."""
    root.parent.mkdir(parents=True, exist_ok=True)
    incoming = Path(tempfile.mkdtemp(dir=root.parent, prefix=f".{root.name}.incoming-"))
    if source.is_dir():
        incoming.rmdir()
        shutil.move(str(source), str(incoming))  # a rename when on the same filesystem
    old = root.parent / f".{root.name}.old-{os.getpid()}"
    if root.exists():
        # Keep the tree's permissions (the private tree is 0700).
        os.chmod(incoming, stat_module.S_IMODE(root.stat().st_mode))
        os.rename(root, old)
    os.rename(incoming, root)
    with contextlib.suppress(FileNotFoundError):
        shutil.rmtree(old)


def _restore_storage(source: Path, storage) -> int:
    """Upload the archive's media missing from the storage or of another size; return how many.
    Stored names are never reused (file_overwrite off), so a name of the right size holds the
    right file. Running a restore again after an interruption finishes the job."""
    from django.core.files import File

    uploaded = 0
    for path in sorted(source.rglob("*")) if source.is_dir() else []:
        if not path.is_file():
            continue
        name = path.relative_to(source).as_posix()
        try:
            if storage.exists(name):
                if storage.size(name) == path.stat().st_size:
                    continue
                storage.delete(name)
            with path.open("rb") as handle:
                saved = storage.save(name, File(handle, name=name))
        except Exception as error:  # botocore's errors: credentials, network, missing bucket
            raise BackupError(
                f"Không ghi được {name} vào kho lưu trữ tệp media: {error}. Cơ sở dữ liệu đã được khôi phục; "
                "hãy chạy lại lệnh khôi phục khi kho lưu trữ hoạt động."
            ) from error
        if saved != name:
            raise BackupError(f"Kho lưu trữ tệp media đã lưu {name} dưới tên khác ({saved}).")
        uploaded += 1
    return uploaded


def _new_page_cache_generation() -> None:
    from toasoan.publishing import pagecache

    pagecache.get_store().clear()
