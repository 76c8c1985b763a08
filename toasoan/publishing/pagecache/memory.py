"""A per-process tier in front of a store: a hit then costs one generation check and a dict lookup."""

import threading
from collections import OrderedDict

from .entry import Entry
from .keys import PageKey


class MemoryTier:
    """Each entry is kept with the generation it was rendered in; a host's new generation makes
    its entries misses at once, and they age out as the memory fills (other hosts keep theirs)."""

    def __init__(self, store, max_bytes: int) -> None:
        self.store = store
        self.max_bytes = max_bytes
        self._entries: OrderedDict[PageKey, tuple[str, Entry]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def __getattr__(self, name: str):
        return getattr(self.store, name)  # bump, get_static, drop_static, ... go to the store

    def generation(self, host: str | None = None) -> str:
        return self.store.generation(host)

    def get(self, generation: str, key: PageKey) -> Entry | None:
        with self._lock:
            kept = self._entries.get(key)
            if kept is not None:
                if kept[0] == generation:
                    self._entries.move_to_end(key)
                    return kept[1]
                self._forget(key)  # from another generation: only an equal one may be served
        entry = self.store.get(generation, key)
        if entry is not None:
            self._remember(generation, key, entry)
        return entry

    def put(self, generation: str, key: PageKey, entry: Entry) -> None:
        self.store.put(generation, key, entry)
        self._remember(generation, key, entry)

    def _remember(self, generation: str, key: PageKey, entry: Entry) -> None:
        if entry.size > self.max_bytes // 4:
            return
        with self._lock:
            if key in self._entries:
                self._forget(key)
            self._entries[key] = (generation, entry)
            self._bytes += entry.size
            while self._bytes > self.max_bytes and self._entries:
                _, (_, evicted) = self._entries.popitem(last=False)
                self._bytes -= evicted.size

    def _forget(self, key: PageKey) -> None:
        _, entry = self._entries.pop(key)
        self._bytes -= entry.size
