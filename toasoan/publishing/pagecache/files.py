"""The embedded store: plain files that nginx serves directly (deploy/nginx/toasoan.conf).

Layout under the root directory:
    current -> g-<id>                     symlink to the live generation of every site
    g-<id>/<host> -> ../h/<hid>/<host>     symlink to the live generation of one host, made on its
                                          first request in this generation
    h/<hid>/<host>/<path>/index<variant>.<ext>[.gz|.br|.meta]
    static/<host>/<path>/...              last good copy of every page, for when the database or
                                          app is down

nginx reads `current/<host>/<path>/index.html`: the kernel follows both symlinks.

A change to every site replaces `current` with a new, empty generation in one atomic rename; a
change to some sites replaces their hosts' symlinks the same way. After a change no reader can get
a page rendered before it. A render that started before the change still writes into its own (now
old) directory, which nobody reads any more."""

import os
import shutil
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

from .entry import Entry, extension_for
from .keys import PageKey

_SUFFIXES = ("", ".gz", ".br")


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.current = self.root / "current"
        self.hosts_root = self.root / "h"
        self.static = self.root / "static"
        self._current_prefix = f"{self.current}/"

    # Generations ---------------------------------------------------------------------------
    def generation(self, host: str | None = None) -> str:
        """The live generation of `host` (one readlink), or of every site (host None)."""
        if host is None:
            try:
                return os.readlink(self.current)
            except FileNotFoundError:
                return self.bump()
        try:
            return os.readlink(self._current_prefix + host)[5:].split("/", 1)[0]  # "../h/<hid>/<host>"
        except FileNotFoundError:
            return self._start_host(host)
        except OSError:  # EINVAL: `current/<host>` is a directory, the layout before hosts had their own
            self.bump()
            return self._start_host(host)

    def _start_host(self, host: str) -> str:
        """Make the host's generation in the live one, unless another process just did."""
        name = _new_name()
        (self.hosts_root / name / host).mkdir(parents=True)
        try:
            os.symlink(f"../h/{name}/{host}", self.root / self.generation() / host)
        except FileExistsError:
            shutil.rmtree(self.hosts_root / name, ignore_errors=True)
            return self.generation(host)
        except FileNotFoundError:  # the live generation was pruned under us: start afresh
            shutil.rmtree(self.hosts_root / name, ignore_errors=True)
            self.bump()
            return self._start_host(host)
        return name

    def bump(self, hosts: Iterable[str] | None = None) -> str:
        """Start a new, empty generation: for every site (hosts None), or for these hosts."""
        if hosts is not None:
            live = self.root / self.generation()
            for host in hosts:
                name = _new_name()
                (self.hosts_root / name / host).mkdir(parents=True)
                link = live / f".{host}-{name}"
                os.symlink(f"../h/{name}/{host}", link)
                os.replace(link, live / host)
            return live.name
        name = f"g-{_new_name()}"
        (self.root / name).mkdir(parents=True)
        link = self.root / f".current-{name}"
        os.symlink(name, link)
        os.replace(link, self.current)
        return name

    def hosts(self) -> list[str]:
        """Hosts with a generation of their own in the live one (those with pages cached)."""
        return sorted(self._live_links())

    def _live_links(self) -> dict[str, str]:
        """{host: its generation} in the live generation."""
        try:
            entries = list(os.scandir(self.root / self.generation()))
        except FileNotFoundError:
            return {}
        links = {}
        for entry in entries:
            if entry.is_symlink() and not entry.name.startswith("."):
                try:
                    links[entry.name] = os.readlink(entry.path)[5:].split("/", 1)[0]
                except FileNotFoundError:
                    continue
        return links

    def prune(self, keep_seconds: float = 60.0) -> int:
        """Delete old generations (after a grace period for readers still inside them)."""
        current = self.generation()
        live_hosts = set(self._live_links().values())
        removed = 0
        now = time.time()
        # A host's directory is made just before its link: never delete a young one (clear()).
        old = [(child, keep_seconds) for child in self.root.glob("g-*") if child.name != current]
        if self.hosts_root.is_dir():
            young = max(keep_seconds, 5.0)
            old += [(child, young) for child in self.hosts_root.iterdir() if child.name not in live_hosts]
        for child, keep in old:
            try:
                if now - child.stat().st_mtime > keep:
                    shutil.rmtree(child, ignore_errors=True)
                    removed += 1
            except FileNotFoundError:
                continue
        return removed

    # Entries --------------------------------------------------------------------------------
    def _host_generation(self, generation: str, key: PageKey) -> str | None:
        """`generation` is normally a host's; the generation of every site ("g-…", what
        generation() without a host returns) stands for the key's host's within it."""
        if not generation.startswith("g-"):
            return generation
        return self.generation(key.host) if generation == self.generation() else None

    def get(self, generation: str, key: PageKey) -> Entry | None:
        generation = self._host_generation(generation, key)
        return _read(self.hosts_root / generation, key) if generation else None

    def put(self, generation: str, key: PageKey, entry: Entry) -> None:
        generation = self._host_generation(generation, key)
        if generation is None:
            return  # rendered in a generation that is gone
        directory = self.hosts_root / generation
        if not directory.is_dir():
            return  # pruned: this render is long stale
        _write(directory, key, entry)
        # The outage copy: only from a render of the live generation, so a page unpublished
        # meanwhile (its copy removed on commit) does not come back.
        if self.generation(key.host) == generation:
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

    def drop_static(self, path: str, descendants: bool, hosts: Iterable[str] | None = None) -> None:
        """Forget the outage copies of `path` (and of the pages below it) on these hosts, or on
        every host."""
        if not self.static.is_dir():
            return
        host_dirs = self.static.iterdir() if hosts is None else (self.static / host for host in hosts)
        for host_dir in host_dirs:
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


def _new_name() -> str:
    return f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"


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
