"""Fast, hermetic settings for the test suite."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": ":memory:",
        "TEST": {"NAME": ":memory:"},
    }
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
# The test's transaction never commits: apply index changes at once. conftest.py gives every
# test its own index directory.
TOASOAN_SEARCH = {"BACKEND": "tantivy", "PATH": "", "SYNC": "immediate"}
# Commits in tests (transaction=True, captured on_commit callbacks) bump a throw-away cache.
TOASOAN_PAGE_CACHE = {**TOASOAN_PAGE_CACHE, "PATH": tempfile.mkdtemp(prefix="toasoan-test-pagecache-")}  # noqa: F405
# No flush thread: tests flush page-view counts themselves (toasoan.stats.counting.flush).
TOASOAN_STATS = {**TOASOAN_STATS, "FLUSH_SECONDS": 0}  # noqa: F405
# Hermetic whatever the environment says: tests that need Redis start their own (tests/redis.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# The durable queue in the test database (the run_tasks fixture runs it), whatever REDIS_URL says.
TASKS = {**TASKS, "durable": DURABLE_TASKS_IN_DATABASE}  # noqa: F405
