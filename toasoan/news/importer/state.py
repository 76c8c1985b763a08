"""A checkpoint so an interrupted import picks up where it stopped.

One line per finished item, appended and flushed as each article commits. A crash between the commit
and the line only means that item is imported again on resume, which updates it (idempotent).
A run that gets through every item deletes the file, so the next run starts from the beginning.
"""

import hashlib
import json
from pathlib import Path

from django.conf import settings


def default_state_path(identity: dict) -> Path:
    """A file per distinct run (inputs and options), under TOASOAN_IMPORT_STATE_DIR or VAR_DIR."""
    folder = Path(getattr(settings, "TOASOAN_IMPORT_STATE_DIR", "") or Path(settings.VAR_DIR) / "import-state")
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True, default=str).encode()).hexdigest()[:16]
    return folder / f"import-{digest}.state"


class Checkpoint:
    def __init__(self, path: Path | None, *, restart: bool = False):
        self.path = path
        self.done: set[str] = set()
        self._handle = None
        if path is None:
            return
        if restart and path.exists():
            path.unlink()
        if path.exists():
            self.done = {line for line in path.read_text(encoding="utf-8").splitlines() if line}

    @property
    def resuming(self) -> bool:
        return bool(self.done)

    def __contains__(self, key: str) -> bool:
        return bool(key) and key in self.done

    def add(self, key: str) -> None:
        if self.path is None or not key:
            return
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("a", encoding="utf-8")
        self._handle.write(key.replace("\n", " ") + "\n")
        self._handle.flush()
        self.done.add(key)

    def close(self) -> None:
        if self.path is not None and self._handle is not None:
            self._handle.close()
            self._handle = None

    def finish(self) -> None:
        """Every item was tried: forget the checkpoint."""
        self.close()
        if self.path is not None and self.path.exists():
            self.path.unlink()
