"""What the replica tests share: the portal's lag settings and the servers (conftest.py starts them)."""

import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

from tests import postgres

# Short enough that the lag test waits little, long enough for the read-your-writes steps to run
# while replay is paused (a save and a few page loads: a second or two).
MAX_LAG_SECONDS = 8
CHECK_SECONDS = 2
PIN_SECONDS = 30


@dataclass
class Replicated:
    url: str  # the portal
    log: Path  # its output: errors Django logs
    primary: postgres.TempPostgres
    replica: postgres.TempPostgres
    article_id: int
    article_slug: str
    article_path: str  # on the default site, e.g. /tin-tuc/<slug>/

    def on_primary(self, sql: str, params: tuple = ()) -> list[tuple]:
        with psycopg.connect(self.primary.dsn, autocommit=True) as connection:
            cursor = connection.execute(sql, params)
            return cursor.fetchall() if cursor.description else []

    def on_replica(self, sql: str, params: tuple = ()) -> list[tuple]:
        with psycopg.connect(self.replica.dsn, autocommit=True) as connection:
            cursor = connection.execute(sql, params)
            return cursor.fetchall() if cursor.description else []

    def commit_now(self) -> None:
        """A commit on the primary: a standby's lag is measured from the last commit it replayed."""
        self.on_primary("CREATE TABLE IF NOT EXISTS replica_heartbeat (at timestamptz)")
        self.on_primary("INSERT INTO replica_heartbeat VALUES (clock_timestamp())")

    def wait_for_replay(self, timeout: float = 20) -> None:
        """Until the standby has replayed everything the primary wrote so far."""
        # The insert position, not pg_current_wal_lsn() (the write position): the test servers
        # commit asynchronously, so a commit record can sit in the WAL buffers, not yet written.
        (target,) = self.on_primary("SELECT pg_current_wal_insert_lsn()")[0]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            (caught_up,) = self.on_replica("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (target,))[0]
            if caught_up:
                return
            time.sleep(0.05)
        raise TimeoutError(f"the standby did not replay up to {target} in {timeout}s")
