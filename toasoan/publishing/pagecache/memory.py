"""A per-process tier in front of a store: a hit then costs one generation check and a dict lookup."""

import threading
from collections import OrderedDict

from .entry import Entry
from .keys import PageKey


class MemoryTier:
    def __init__(self, store, max_bytes: int) -> None:
        self.store = store
        self.max_bytes = max_bytes
        self._generation = ""
        self._entries: OrderedDict[PageKey, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def __getattr__(self, name: str):
        return getattr(self.store, name)  # bump, get_static, drop_static, ... go to the store

    def get(self, generation: str, key: PageKey) -> Entry | None:
        with self._lock:
            if generation != self._generation:
                self._reset(generation)
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                return entry
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
            if generation != self._generation:
                return  # rendered for a generation that is already gone
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old.size
            self._entries[key] = entry
            self._bytes += entry.size
            while self._bytes > self.max_bytes and self._entries:
                _, evicted = self._entries.popitem(last=False)
                self._bytes -= evicted.size

    def _reset(self, generation: str) -> None:
        self._generation = generation
        self._entries.clear()
        self._bytes = 0
