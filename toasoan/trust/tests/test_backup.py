"""manage.py backup / restore, run as real processes against a var dir prepared by bin/prepare.

The round trip compares every table's rows and every media file's sha256 before the backup and after
the restore; the refusals check that nothing changed."""

import hashlib
import io
import json
import sqlite3
import subprocess
import tarfile
from pathlib import Path

import pytest

from tests import postgres
from tests.prepared import prepared_var_dir

REPO = Path(__file__).resolve().parents[3]

EDIT_AND_ADD = """
from django.core.files.base import ContentFile
from django.contrib.auth.models import User
from wagtail.documents.models import Document
from toasoan.news.models import ArticlePage
article = ArticlePage.objects.live().first()
article.title = "Tiêu đề đã bị sửa sau sao lưu"
article.save_revision().publish()
Document.objects.create(title="Tài liệu mới", file=ContentFile(b"new", name="moi.txt"))
User.objects.create_user("sau-sao-luu", password="mat-khau-rat-dai-123")
"""


def manage(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [REPO / ".venv" / "bin" / "python", REPO / "manage.py", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def table_digests(database: Path) -> dict[str, str]:
    """sha256 of every table's rows (sorted), read straight from the SQLite file."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        tables = [
            name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ]
        digests = {}
        for table in tables:
            rows = sorted(repr(row) for row in connection.execute(f'SELECT * FROM "{table}"'))
            digests[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        return digests
    finally:
        connection.close()


def media_digests(*roots: Path) -> dict[str, str]:
    digests = {}
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                digests[f"{root.name}/{path.relative_to(root)}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def snapshot(var_dir: Path) -> tuple[dict, dict]:
    return table_digests(var_dir / "toasoan.sqlite3"), media_digests(var_dir / "media", var_dir / "private")


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """A prepared var dir (demo content, images, documents) plus a private feedback attachment."""
    var_dir = tmp_path_factory.mktemp("backup") / "var"
    env = prepared_var_dir(var_dir)
    (var_dir / "private").mkdir(mode=0o700, exist_ok=True)
    (var_dir / "private").chmod(0o700)
    attachments = var_dir / "private" / "feedback" / "2026"
    attachments.mkdir(parents=True, exist_ok=True)
    (attachments / "don-kien-nghi.pdf").write_bytes(b"%PDF-1.4 tep dinh kem cua cong dan\n")
    return var_dir, env


@pytest.fixture(scope="module")
def archive(portal):
    var_dir, env = portal
    before = snapshot(var_dir)
    result = manage(env, "backup", "--output", str(var_dir.parent / "backups"))
    path = Path(result.stdout.strip().rsplit(" ", 1)[-1])
    assert path.is_file() and path.name.startswith("toasoan-backup-") and path.name.endswith(".tar.gz")
    assert not list(path.parent.glob(".*")), "no temporary file is left behind"
    return path, before


def test_archive_has_database_media_and_manifest(archive):
    path, (_tables, media) = archive
    with tarfile.open(path) as tar:
        names = set(tar.getnames())
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["format_version"] == 1
    assert manifest["engine"] == "sqlite"
    assert manifest["migrations"]["wagtailcore"] and manifest["migrations"]["news"]
    assert manifest["django_version"] and manifest["wagtail_version"]
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert "database.sqlite3" in listed
    assert set(media) == {name for name in listed if name != "database.sqlite3"}
    assert names == set(listed) | {"manifest.json"}
    for name, digest in media.items():
        assert listed[name]["sha256"] == digest
    assert any(name.startswith("media/original_images/") for name in media)
    assert any(name.startswith("media/documents/") for name in media)
    assert "private/feedback/2026/don-kien-nghi.pdf" in media


def test_round_trip_restores_identical_content(portal, archive):
    var_dir, env = portal
    path, before = archive
    # Change things: edit an article, add rows and a file, delete a media file.
    manage(env, "shell", "-c", EDIT_AND_ADD)
    image = next((var_dir / "media" / "original_images").iterdir())
    image.unlink()
    (var_dir / "private" / "feedback" / "2026" / "don-kien-nghi.pdf").write_bytes(b"changed")
    changed = snapshot(var_dir)
    assert changed[0] != before[0] and changed[1] != before[1]
    generation = (var_dir / "pagecache" / "current").resolve()

    result = manage(env, "restore", "--yes", str(path))
    assert "Đã khôi phục" in result.stdout

    tables, media = snapshot(var_dir)
    assert media == before[1]
    differing = sorted(name for name in set(tables) | set(before[0]) if tables.get(name) != before[0].get(name))
    assert differing == []
    assert not (var_dir / "toasoan.sqlite3-wal").exists() or (var_dir / "toasoan.sqlite3-wal").stat().st_size == 0
    assert (var_dir / "pagecache" / "current").resolve() != generation, "a new page cache generation"
    assert oct((var_dir / "private").stat().st_mode & 0o777) == oct(0o700), "private tree stays private"
    # No temporary file of the restore is left (the search engine's own lock file is not one).
    leftovers = [p.name for p in var_dir.iterdir() if p.name.startswith(".") and p.name != ".search-index.lock"]
    assert leftovers == []
    # The restored site works: the edited title is gone.
    count = (
        "from toasoan.news.models import ArticlePage as A; print(A.objects.filter(title__contains='bị sửa').count())"
    )
    assert manage(env, "shell", "-c", count).stdout.strip().splitlines()[-1] == "0"


def _repack(source: Path, dest: Path, change) -> Path:
    """Copy an archive, letting change(name, data) -> data|None rewrite (None drops) each member."""
    with tarfile.open(source) as tar_in, tarfile.open(dest, "w:gz") as tar_out:
        for member in tar_in.getmembers():
            data = change(member.name, tar_in.extractfile(member).read())
            if data is None:
                continue
            info = tarfile.TarInfo(member.name)
            info.size = len(data)
            tar_out.addfile(info, io.BytesIO(data))
    return dest


def _edit_manifest(edit):
    def change(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        edit(manifest)
        return json.dumps(manifest).encode()

    return change


def _refused(portal, bad_archive: Path, *args: str) -> str:
    var_dir, env = portal
    before = snapshot(var_dir)
    result = manage(env, "restore", *args, str(bad_archive), check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert snapshot(var_dir) == before, "nothing changed"
    return result.stderr


def test_missing_yes_refused(portal, archive):
    message = _refused(portal, archive[0])
    assert "--yes" in message and "thay thế toàn bộ dữ liệu" in message


def test_corrupt_archive_refused(portal, archive, tmp_path):
    truncated = tmp_path / "truncated.tar.gz"
    data = archive[0].read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    assert "bị hỏng" in _refused(portal, truncated, "--yes")
    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"khong phai tep sao luu")
    assert "bị hỏng" in _refused(portal, garbage, "--yes")


def test_checksum_mismatch_refused(portal, archive, tmp_path):
    def change(name, data):
        return b"tampered" + data if name.startswith("media/documents/") else data

    tampered = _repack(archive[0], tmp_path / "tampered.tar.gz", change)
    assert "không khớp" in _refused(portal, tampered, "--yes")


def test_unlisted_or_missing_file_refused(portal, archive, tmp_path):
    dropped = _repack(
        archive[0], tmp_path / "dropped.tar.gz", lambda name, data: None if name == "database.sqlite3" else data
    )
    assert "thiếu tệp database.sqlite3" in _refused(portal, dropped, "--yes")


def test_other_engine_refused(portal, archive, tmp_path):
    other = _repack(archive[0], tmp_path / "pg.tar.gz", _edit_manifest(lambda m: m.update(engine="postgresql")))
    assert "postgresql" in _refused(portal, other, "--yes")


def test_newer_migration_state_refused(portal, archive, tmp_path):
    def edit(manifest):
        manifest["migrations"]["news"] = "9999_from_the_future"

    newer = _repack(archive[0], tmp_path / "newer.tar.gz", _edit_manifest(edit))
    assert "news.9999_from_the_future" in _refused(portal, newer, "--yes")


def test_file_deleted_during_backup_is_skipped_with_a_warning(tmp_path):
    from toasoan.trust import backup

    root = tmp_path / "media"
    root.mkdir()
    (root / "kept.txt").write_text("giữ lại")
    # Listed by the walk, gone when opened: what a file deleted mid-backup looks like.
    (root / "gone.txt").symlink_to(tmp_path / "deleted-meanwhile")
    warnings = []
    with tarfile.open(tmp_path / "out.tar.gz", "w:gz") as tar:
        entries = backup._add_tree(tar, "media", root, warnings.append)
    assert [entry["path"] for entry in entries] == ["media/kept.txt"]
    assert len(warnings) == 1 and "media/gone.txt" in warnings[0] and "bị xoá" in warnings[0]
    with tarfile.open(tmp_path / "out.tar.gz") as tar:
        assert tar.getnames() == ["media/kept.txt"]


@pytest.mark.servers
def test_postgresql_round_trip(tmp_path):
    try:
        server = postgres.start_server()
    except postgres.PostgresUnavailable as error:
        if postgres.required():
            pytest.fail(str(error))
        pytest.skip(str(error))
    try:
        var_dir = tmp_path / "var"
        env = prepared_var_dir(var_dir, server)
        # Not the search change log: the restore adds to it the marker that tells every server to
        # rebuild its index from the restored entries (checked below).
        dumpdata = ("dumpdata", "--exclude", "search.searchchange")
        before = manage(env, *dumpdata).stdout
        media_before = media_digests(var_dir / "media")
        result = manage(env, "backup")
        path = Path(result.stdout.strip().rsplit(" ", 1)[-1])
        manage(env, "shell", "-c", EDIT_AND_ADD)
        next((var_dir / "media" / "original_images").iterdir()).unlink()
        assert manage(env, *dumpdata).stdout != before
        manage(env, "restore", "--yes", str(path))
        assert manage(env, *dumpdata).stdout == before
        assert media_digests(var_dir / "media") == media_before
        rebuild_marked = (
            "from toasoan.search.follow import REBUILD; from toasoan.search.models import SearchChange as C;"
            "last = C.objects.latest('pk'); print((last.content_type_id, last.object_id) == REBUILD)"
        )
        assert manage(env, "shell", "-c", rebuild_marked).stdout.split()[-1] == "True"
    finally:
        server.stop()
