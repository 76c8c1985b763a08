"""The embedded store: plain files that nginx serves directly (deploy/nginx/toasoan.conf).

Layout under the root directory:
    current -> g-<id>            symlink to the live generation
    g-<id>/<host>/<path>/index<variant>.<ext>[.gz|.br|.meta]
    static/<host>/<path>/...     last good copy of every page, for when the database or app is down

Invalidation replaces `current` with a new, empty generation in one atomic rename, so after a
content change no reader can get a page rendered before it. A render that started before the
change still writes into its own (now old) generation, which nobody reads any more."""

import os
import shutil
import time
import uuid
from pathlib import Path

from .entry import Entry, extension_for
from .keys import PageKey

_SUFFIXES = ("", ".gz", ".br")


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.current = self.root / "current"
        self.static = self.root / "static"

    # Generations ---------------------------------------------------------------------------
    def generation(self) -> str:
        try:
            return os.readlink(self.current)
        except FileNotFoundError:
            return self.bump()

    def bump(self) -> str:
        """Start a new, empty generation: every cached page is stale from now on."""
        name = f"g-{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
        (self.root / name).mkdir(parents=True)
        link = self.root / f".current-{name}"
        os.symlink(name, link)
        os.replace(link, self.current)
        return name

    def prune(self, keep_seconds: float = 60.0) -> int:
        """Delete old generations (after a grace period for readers still inside them)."""
        current = self.generation()
        removed = 0
        for child in self.root.glob("g-*"):
            if child.name != current and time.time() - child.stat().st_mtime > keep_seconds:
                shutil.rmtree(child, ignore_errors=True)
                removed += 1
        return removed

    # Entries --------------------------------------------------------------------------------
    def get(self, generation: str, key: PageKey) -> Entry | None:
        return _read(self.root / generation, key)

    def put(self, generation: str, key: PageKey, entry: Entry) -> None:
        directory = self.root / generation
        if not directory.is_dir():
            return  # pruned: this render is long stale
        _write(directory, key, entry)
        # The outage copy: only from a render of the live generation, so a page unpublished
        # meanwhile (its copy removed on commit) does not come back.
        if self.generation() == generation:
            _write(self.static, key, entry)

    def get_static(self, key: PageKey) -> Entry | None:
        return _read(self.static, key)

    def static_mtime(self, key: PageKey) -> float | None:
        for extension in ("html",):
            try:
                return (self.static / key.file(extension + ".meta")).stat().st_mtime
            except FileNotFoundError:
                continue
        return None

    def drop_static(self, path: str, descendants: bool) -> None:
        """Forget the outage copies of `path` on every host (and of the pages below it)."""
        if not self.static.is_dir():
            return
        for host_dir in self.static.iterdir():
            directory = host_dir / path.strip("/")
            if not directory.is_dir():
                continue
            if descendants:
                shutil.rmtree(directory, ignore_errors=True)
            else:
                for file in directory.glob("index*"):
                    file.unlink(missing_ok=True)

    def static_hosts(self) -> list[str]:
        return sorted(p.name for p in self.static.iterdir()) if self.static.is_dir() else []

    def clear(self) -> None:
        self.bump()
        self.prune(keep_seconds=0)


def _read(directory: Path, key: PageKey) -> Entry | None:
    for extension in ("html", "rss", "atom", "xml", "json", "txt"):
        base = directory / key.file(extension)
        try:
            meta = (base.parent / (base.name + ".meta")).read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            continue
        try:
            parts = [(base.parent / (base.name + s)).read_bytes() for s in _SUFFIXES]
        except FileNotFoundError:
            return None  # replaced under our feet: treat as a miss
        return Entry.from_parts(meta, *parts)
    return None


def _write(directory: Path, key: PageKey, entry: Entry) -> None:
    base = directory / key.file(extension_for(entry.content_type) or "html")
    base.parent.mkdir(parents=True, exist_ok=True)
    stamp = (entry.last_modified, entry.last_modified)
    # Bodies first and the .meta last: the app treats .meta as the commit mark. Each file is
    # written aside and renamed, so nginx never serves half a file.
    for suffix, data in (("", entry.body), (".gz", entry.gzip), (".br", entry.brotli), (".meta", entry.meta())):
        target = base.parent / (base.name + suffix)
        temporary = base.parent / f".{base.name}{suffix}.{uuid.uuid4().hex[:8]}"
        temporary.write_bytes(data)
        os.utime(temporary, stamp)
        os.replace(temporary, target)
