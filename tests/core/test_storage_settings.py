"""The media storage switch (settings.STORAGE_BACKEND): the file system by default, an S3-compatible object store
through django-storages on request, refused when misconfigured. Read in a fresh interpreter, as a server starts."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PRINT = "import json, tdkt.settings as s; print(json.dumps({'default': s.STORAGES['default'], 'accel': s.MEDIA_ACCEL_PREFIX}))"


def _settings(tmp_path, **env) -> subprocess.CompletedProcess:
    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    base.update(TDKT_VAR_DIR=str(tmp_path / "var"), PYTHONPATH=str(REPO / "src"), **env)
    return subprocess.run([sys.executable, "-c", PRINT], cwd=REPO, env=base, capture_output=True, text=True,
                          timeout=60, check=False)


def test_the_default_is_the_checked_file_system_storage_and_django_streams(tmp_path):
    result = _settings(tmp_path)
    assert json.loads(result.stdout) == {"default": {"BACKEND": "tdkt.lib.storage.CheckedFileSystemStorage"},
                                         "accel": ""}


def test_s3_is_a_private_bucket_of_django_storages(tmp_path):
    result = _settings(tmp_path, STORAGE_BACKEND="s3", S3_BUCKET="tdkt-media", S3_ENDPOINT_URL="https://s3.tinh.vn",
                       S3_ACCESS_KEY_ID="key", S3_SECRET_ACCESS_KEY="secret", S3_PREFIX="laocai",
                       MEDIA_ACCEL_PREFIX="/_protected_media/")
    assert json.loads(result.stdout) == {"default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": "tdkt-media", "endpoint_url": "https://s3.tinh.vn", "region_name": None, "access_key": "key",
        "secret_key": "secret", "location": "laocai", "default_acl": "private", "querystring_auth": True,
        "file_overwrite": False}}, "accel": "/_protected_media/"}


def test_s3_without_a_bucket_and_an_unknown_backend_are_refused(tmp_path):
    result = _settings(tmp_path, STORAGE_BACKEND="s3")
    assert result.returncode == 1
    assert "RuntimeError: STORAGE_BACKEND=s3 needs S3_BUCKET" in result.stderr
    result = _settings(tmp_path, STORAGE_BACKEND="nfs")
    assert "RuntimeError: STORAGE_BACKEND must be 'filesystem' (the default) or 's3'" in result.stderr
