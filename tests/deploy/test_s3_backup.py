"""manage.py backup / restore with media on S3 (moto's server on loopback), run as real processes.

The runbook's way to move media to S3 is tested here: a backup made with local media, restored with
TOASOAN_MEDIA_STORAGE=s3, puts every file in the bucket; a backup made then holds the bucket's
objects; a restore puts back what was deleted and deletes nothing."""

import hashlib
import json
import os
import subprocess
import tarfile
from pathlib import Path

import pytest

from tests.deploy import s3
from tests.prepared import prepared_var_dir
from tests.servers import REPO, VENV_BIN

pytestmark = pytest.mark.servers


def manage(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [VENV_BIN / "python", REPO / "manage.py", *args],
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


def backup(env: dict, output: Path) -> Path:
    result = manage(env, "backup", "--output", str(output))
    return Path(result.stdout.strip().rsplit(" ", 1)[-1])


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def local_media(var_dir: Path) -> dict[str, str]:
    root = var_dir / "media"
    return {f"media/{p.relative_to(root).as_posix()}": sha(p.read_bytes()) for p in root.rglob("*") if p.is_file()}


def bucket_media(bucket: s3.TempS3) -> dict[str, str]:
    return {key: sha(data) for key, data in bucket.keys("media/").items()}


def archived_media(archive: Path) -> tuple[dict, dict[str, str]]:
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    return manifest, {e["path"]: e["sha256"] for e in manifest["files"] if e["path"].startswith("media/")}


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    root = tmp_path_factory.mktemp("s3-backup")
    env = prepared_var_dir(root / "var")
    bucket = s3.start_server(bucket="toasoan-backup", log=root / "moto.log")
    yield root, env, bucket
    bucket.stop()


def test_local_backup_restored_onto_s3_then_backed_up_and_restored_from_it(portal):
    root, env, bucket = portal
    var_dir = Path(env["TOASOAN_VAR_DIR"])
    on_s3 = {**env, **bucket.env()}
    local = local_media(var_dir)
    assert any(name.startswith("media/original_images/") for name in local)
    assert any(name.startswith("media/documents/") for name in local)

    # Moving media to S3: back up with local media, restore with the S3 settings.
    first = backup(env, root / "backups")
    manage(on_s3, "restore", "--yes", str(first))
    assert bucket_media(bucket) == local

    # A backup on S3 holds the bucket's objects.
    second = backup(on_s3, root / "backups")
    manifest, archived = archived_media(second)
    assert manifest["media_storage"] == "S3Storage"
    assert archived == local

    # Lost and stray objects: the restore puts back what is missing and deletes nothing.
    client = bucket.client()
    lost = next(name for name in local if name.startswith("media/original_images/"))
    client.delete_object(Bucket=bucket.bucket, Key=lost)
    client.put_object(Bucket=bucket.bucket, Key="media/documents/sau-sao-luu.txt", Body=b"moi")
    result = manage(on_s3, "restore", "--yes", str(second))
    assert "Đã khôi phục" in result.stdout
    after = bucket_media(bucket)
    assert after == {**local, "media/documents/sau-sao-luu.txt": sha(b"moi")}


def test_unreachable_bucket_is_a_clear_error(portal):
    root, env, bucket = portal
    # Port 9 (discard) refuses; one attempt instead of botocore's retries keeps the test short.
    unreachable = {**env, **bucket.env(), "TOASOAN_S3_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_MAX_ATTEMPTS": "1"}
    result = manage(unreachable, "backup", "--output", str(root / "failed"), check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "Không đọc được kho lưu trữ tệp media" in result.stderr
    assert os.listdir(root / "failed") == [], "nothing left behind"
