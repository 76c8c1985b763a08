"""A throwaway S3-compatible server for tests: moto's server (moto[server], a test requirement)
in a subprocess on loopback, with a bucket. Nothing here imports Django: bench/ may use it too."""

import shutil
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.servers import VENV_BIN, free_port

ACCESS_KEY = "toasoan-test"  # moto accepts any key pair
SECRET_KEY = "toasoan-test-secret"
REGION = "us-east-1"


@dataclass
class TempS3:
    process: subprocess.Popen
    endpoint_url: str
    bucket: str

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
        )

    def keys(self, prefix: str = "") -> dict[str, bytes]:
        """Every object under `prefix`: key -> content."""
        client = self.client()
        found = {}
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix):
            for item in page.get("Contents", []):
                found[item["Key"]] = client.get_object(Bucket=self.bucket, Key=item["Key"])["Body"].read()
        return found

    def env(self, prefix: str = "media") -> dict[str, str]:
        """The portal's environment for this bucket (.env.example's TOASOAN_S3_*)."""
        return {
            "TOASOAN_MEDIA_STORAGE": "s3",
            "TOASOAN_S3_BUCKET": self.bucket,
            "TOASOAN_S3_ENDPOINT_URL": self.endpoint_url,
            "TOASOAN_S3_REGION": REGION,
            "TOASOAN_S3_ACCESS_KEY": ACCESS_KEY,
            "TOASOAN_S3_SECRET_KEY": SECRET_KEY,
            "TOASOAN_S3_PREFIX": prefix,
        }

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _moto_server() -> list[str]:
    binary = VENV_BIN / "moto_server"
    if binary.exists():
        return [str(binary)]
    found = shutil.which("moto_server")
    return [found] if found else [sys.executable, "-m", "moto.server"]


def start_server(bucket: str = "toasoan-media", log: Path | None = None) -> TempS3:
    port = free_port()
    output = log.open("ab") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [*_moto_server(), "-H", "127.0.0.1", "-p", str(port)], stdout=output, stderr=subprocess.STDOUT
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"moto_server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=2):
                break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                raise TimeoutError("moto_server did not answer within 30 s") from None
            time.sleep(0.2)
    server = TempS3(process=process, endpoint_url=endpoint, bucket=bucket)
    server.client().create_bucket(Bucket=bucket)
    return server


def public_read_policy(bucket: str, prefix: str = "media") -> dict:
    """The bucket policy docs/runbook.md gives: anyone may read renditions (<prefix>/images/, what
    pages show); originals and documents stay private (documents go through /documents/ and its
    checks, read by the portal with its keys)."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicRenditions",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/{prefix}/images/*",
            }
        ],
    }
