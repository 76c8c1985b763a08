"""Local development and the README's run command on one machine."""

import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool, env_list, env_str

DEBUG = env_bool("DJANGO_DEBUG", False)
# The demo's other agency sites live under .localhost (tinh.localhost, so-tnmt.localhost), which
# browsers and curl resolve to the loopback address.
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", ".localhost"])


def _local_secret_key() -> str:
    # A per-checkout key kept in var/, so sessions survive restarts and nothing secret is committed.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env_str("DJANGO_SECRET_KEY") or _local_secret_key()
