"""Writing counts: the in-memory batches of the app's processes and the lines of nginx's
statistics log end up here, added to the daily rows in one transaction."""

import datetime
import os
import zoneinfo
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.db import connection, transaction

from .counter import Counts
from .models import LogCursor, PageViewDay, SiteDay
from .rules import normal_host

# Add to a row, creating it if needed, in one statement: rows are written by several processes
# at once, so a read-modify-write would lose counts. The same SQL works on SQLite (>= 3.24) and
# PostgreSQL (>= 9.5); Django's bulk_create(update_conflicts=True) can only replace values.
_PAGE_UPSERT = (
    "INSERT INTO {table} (day, host, path, views, entries) VALUES (%s, %s, %s, %s, %s) "
    "ON CONFLICT (day, host, path) DO UPDATE SET views = {table}.views + excluded.views, "
    "entries = {table}.entries + excluded.entries"
)
_SITE_UPSERT = (
    "INSERT INTO {table} (day, host, views, visits) VALUES (%s, %s, %s, %s) "
    "ON CONFLICT (day, host) DO UPDATE SET views = {table}.views + excluded.views, "
    "visits = {table}.visits + excluded.visits"
)
READ_LIMIT = 32 * 1024 * 1024  # bytes of nginx log read per run: a backlog is caught up over several


def record_counts(counts: Counts) -> None:
    """Add (day, host, path) -> [views, entries] to the daily page and site rows, all or nothing."""
    if not counts:
        return
    adapt = connection.ops.adapt_datefield_value
    sites: dict[tuple[datetime.date, str], list[int]] = {}
    merged: Counts = {}
    for (day, host, path), (views, entries) in counts.items():
        row = merged.setdefault((day, normal_host(host)[:255], path[:1024]), [0, 0])
        row[0] += views
        row[1] += entries
        site = sites.setdefault((day, normal_host(host)[:255]), [0, 0])
        site[0] += views
        site[1] += entries
    pages = [(adapt(day), host, path, views, entries) for (day, host, path), (views, entries) in merged.items()]
    page_sql = _PAGE_UPSERT.format(table=connection.ops.quote_name(PageViewDay._meta.db_table))
    site_sql = _SITE_UPSERT.format(table=connection.ops.quote_name(SiteDay._meta.db_table))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(page_sql, pages)
        cursor.executemany(site_sql, [(adapt(day), host, v, e) for (day, host), (v, e) in sites.items()])


# nginx's statistics log -------------------------------------------------------------------------
@dataclass
class IngestResult:
    lines: int = 0
    views: int = 0
    skipped: int = 0
    rotated: bool = False


def parse_line(line: str, zone: zoneinfo.ZoneInfo) -> tuple[datetime.date, str, str, bool] | None:
    """One line of the `toasoan_stats` log_format: msec, host, request URI, status, entry flag
    (tab-separated). (day, host, path, entry) or None for a line that is not a page view."""
    fields = line.rstrip("\n").split("\t")
    if len(fields) != 5:
        return None
    msec, host, uri, status, entry = fields
    if status not in ("200", "304") or entry not in ("0", "1"):
        return None
    try:
        day = datetime.datetime.fromtimestamp(float(msec), zone).date()
    except (ValueError, OverflowError, OSError):
        return None
    path = unquote(uri.split("?", 1)[0])
    if not path.startswith("/") or not path.endswith("/") or not host:
        return None
    return day, host.lower()[:255], path[:1024], entry == "1"


def _read(path: Path, offset: int, counts: Counts, result: IngestResult, zone: zoneinfo.ZoneInfo) -> int:
    """Count the complete lines of `path` from `offset`; the offset after the last one read."""
    with path.open("rb") as log:
        log.seek(offset)
        data = log.read(READ_LIMIT)
    end = data.rfind(b"\n") + 1  # a line nginx is still writing waits for the next run
    for raw in data[:end].splitlines():
        result.lines += 1
        parsed = parse_line(raw.decode("utf-8", "replace"), zone)
        if parsed is None:
            result.skipped += 1
            continue
        day, host, page, entry = parsed
        row = counts.setdefault((day, host, page), [0, 0])
        row[0] += 1
        row[1] += entry
        result.views += 1
    return offset + end


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def ingest_nginx_log(path: Path) -> IngestResult:
    """Count the lines nginx added to its statistics log since the last run, from the saved offset.

    Rotation (logrotate renames the file to <name>.1, then nginx reopens <name>): a new inode at
    <name> means the old file is finished from <name>.1 first, then <name> is read from 0. A file
    shorter than the offset was truncated (copytruncate): read again from 0. The counts and the new
    offset commit together, so a crash in between reads the same lines again, never twice."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    result = IngestResult()
    counts: Counts = {}
    with transaction.atomic():
        cursor, _ = LogCursor.objects.select_for_update().get_or_create(path=str(path))
        current = _stat(path)
        if cursor.inode and (current is None or current.st_ino != cursor.inode):
            rotated = path.with_name(path.name + ".1")
            old = _stat(rotated)
            if old is not None and old.st_ino == cursor.inode:
                offset = _read(rotated, cursor.offset, counts, result, zone)
                if current is None or offset - cursor.offset >= READ_LIMIT:
                    cursor.offset = offset  # nginx still writes there, or more is left to read
                    return _save(cursor, counts, result)
            result.rotated = True
            cursor.inode, cursor.offset = (current.st_ino, 0) if current else (0, 0)
        if current is None:
            return _save(cursor, counts, result)
        if not cursor.inode:
            cursor.inode = current.st_ino
        if current.st_size < cursor.offset:
            cursor.offset = 0  # truncated in place
            result.rotated = True
        cursor.offset = _read(path, cursor.offset, counts, result, zone)
        return _save(cursor, counts, result)


def _save(cursor: LogCursor, counts: Counts, result: IngestResult) -> IngestResult:
    record_counts(counts)
    cursor.save()
    return result
