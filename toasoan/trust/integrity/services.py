"""Writes of the integrity scanner: scan objects and pages, record findings, review them, notify."""

import hashlib
import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from ..models import IntegrityFinding, IntegrityScan
from . import files, rules, sources
from .rules import HIGH
from .scanner import Finding, Policy, check_url, scan_html, scan_text

logger = logging.getLogger(__name__)
Status = IntegrityFinding.Status
Source = IntegrityFinding.Source


def _config() -> dict:
    return getattr(settings, "TOASOAN_INTEGRITY", {})


def policy() -> Policy:
    """The site's own hosts (every Wagtail Site and ALLOWED_HOSTS) and what may come from elsewhere."""
    from wagtail.models import Site

    hosts = {host.lstrip(".").lower() for host in settings.ALLOWED_HOSTS if host and "*" not in host}
    hosts |= {site.hostname.lower() for site in Site.objects.all()}
    hosts |= {"localhost", "127.0.0.1", "testserver"}
    config = _config()
    return Policy(
        site_hosts=tuple(sorted(hosts)),
        script_hosts=tuple(config.get("SCRIPT_HOSTS", ())),
        embed_hosts=tuple(config.get("EMBED_HOSTS", Policy.embed_hosts)),
        deny_hosts=tuple(config.get("DENY_HOSTS", ())),
    )


def scan_item(item: sources.Item, scan_policy: Policy) -> tuple[list[Finding], list[Finding]]:
    """(content findings, file findings) of one item."""
    content: list[Finding] = []
    attached: list[Finding] = []
    for part in item.parts:
        if part.kind == "html":
            content += scan_html(part.value, context="fragment", location=part.location, policy=scan_policy)
        elif part.kind == "text":
            content += scan_text(part.value, location=part.location)
        elif part.kind == "url":
            content += check_url(part.value, part.location, scan_policy)
        elif part.kind == "file" and part.read is not None:
            try:
                data = part.read()
            except OSError:
                logger.warning("Integrity scan: cannot read %s", part.location)
                continue
            attached += files.scan_file(part.location, data, policy=scan_policy)
    return content, attached


def _reference(obj: models.Model | None) -> tuple[ContentType | None, str]:
    if obj is None or obj.pk is None:
        return None, ""
    model = obj.specific_class if hasattr(obj, "specific_class") and obj.specific_class else type(obj)
    return ContentType.objects.get_for_model(model), str(obj.pk)


def finding_key(*, source: str, content_type_id: int | None, object_id: str, rule: str, text: str) -> str:
    """Identity of a finding across scans. No field position: adding a paragraph above an injected
    link must not turn it into a new finding (nor forget that a reviewer called it a false positive)."""
    raw = f"{source}|{content_type_id or ''}|{object_id}|{rule}|{rules.fingerprint_text(text)}"
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def findings_record(
    *,
    obj: models.Model | None,
    label: str,
    url: str,
    source: str,
    findings: Iterable[Finding],
    occurrences: dict[str, int] | None = None,
    now=None,
) -> list[IntegrityFinding]:
    """Store `findings` of one object (or site-wide for rendered pages); returns the findings that
    are new or back after being resolved. A finding marked as a false positive stays so."""
    now = now or timezone.now()
    content_type, object_id = _reference(obj) if source != Source.RENDERED else (None, "")
    fresh = []
    for finding in findings:
        key = finding_key(
            source=source,
            content_type_id=content_type.pk if content_type else None,
            object_id=object_id,
            rule=finding.rule,
            text=finding.excerpt,
        )
        count = (occurrences or {}).get(key, 1)
        row = IntegrityFinding.objects.select_for_update().filter(key=key).first()
        if row is None:
            row = IntegrityFinding.objects.create(
                key=key,
                content_type=content_type,
                object_id=object_id,
                object_label=label[:255],
                url=url[:1000],
                source=source,
                location=finding.location[:255],
                rule=finding.rule,
                severity=finding.severity,
                excerpt=finding.excerpt,
                occurrences=count,
                last_seen=now,
            )
            fresh.append(row)
            continue
        row.last_seen = now
        row.occurrences = count
        row.object_label = label[:255]
        row.location = finding.location[:255]
        if url:
            row.url = url[:1000]
        if row.status == Status.RESOLVED:
            row.status = Status.OPEN
            row.resolved_at = None
            fresh.append(row)
        row.save()
    return fresh


def resolve_missing(*, obj: models.Model | None, sources_scanned: Iterable[str], since, now=None) -> int:
    """Open findings of `obj` (all objects when None) not seen since `since` are gone: resolved."""
    now = now or timezone.now()
    queryset = IntegrityFinding.objects.filter(
        status=Status.OPEN, source__in=list(sources_scanned), last_seen__lt=since
    )
    if obj is not None:
        content_type, object_id = _reference(obj)
        queryset = queryset.filter(content_type=content_type, object_id=object_id)
    return queryset.update(status=Status.RESOLVED, resolved_at=now)


def scan_object(obj: models.Model, *, scan_policy: Policy | None = None) -> list[Finding]:
    """Scan one saved object now (on publish or save) and record what it holds; returns the
    findings, so the caller can warn or block. Findings marked as false positives are left out."""
    item = sources.item_for(obj)
    if item is None:
        return []
    scan_policy = scan_policy or policy()
    content, attached = scan_item(item, scan_policy)
    started = timezone.now()
    fresh = findings_record(
        obj=obj, label=item.label, url=item.url, source=Source.CONTENT, findings=content, now=started
    )
    fresh += findings_record(
        obj=obj, label=item.label, url=item.url, source=Source.FILE, findings=attached, now=started
    )
    resolve_missing(obj=obj, sources_scanned=(Source.CONTENT, Source.FILE), since=started)
    notify_new(fresh)
    return not_dismissed(obj, content + attached)


def findings_preview(obj: models.Model, *, scan_policy: Policy | None = None) -> list[Finding]:
    """What scan_object would find, without recording it (before publishing)."""
    item = sources.item_for(obj)
    if item is None:
        return []
    content, attached = scan_item(item, scan_policy or policy())
    return not_dismissed(obj, content + attached)


def not_dismissed(obj: models.Model, findings: list[Finding]) -> list[Finding]:
    """`findings` without those a reviewer marked as false positives on this object."""
    content_type, object_id = _reference(obj)
    dismissed = set(
        IntegrityFinding.objects.filter(
            content_type=content_type, object_id=object_id, status=Status.FALSE_POSITIVE
        ).values_list("key", flat=True)
    )
    if not dismissed:
        return findings
    out = []
    for finding in findings:
        keys = {
            finding_key(
                source=source,
                content_type_id=content_type.pk if content_type else None,
                object_id=object_id,
                rule=finding.rule,
                text=finding.excerpt,
            )
            for source in (Source.CONTENT, Source.FILE)
        }
        if not keys & dismissed:
            out.append(finding)
    return out


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """Findings that stop a publication: high severity (gambling terms and links, hidden links,
    scripts, javascript: URLs, active PDF content, macros)."""
    return [finding for finding in findings if finding.severity == HIGH]


def scan_all(*, render: bool = True, files_too: bool = True, scan: IntegrityScan | None = None) -> IntegrityScan:
    """The full scan (nightly job, `manage.py scan_integrity`): every source, then the rendered
    public pages. Findings not seen again are resolved."""
    from . import rendered

    scan = scan or IntegrityScan.objects.create()
    started = timezone.now()
    scan_policy = policy()
    fresh: list[IntegrityFinding] = []
    for item in sources.all_items():
        if not files_too:
            item.parts = [part for part in item.parts if part.kind != "file"]
        content, attached = scan_item(item, scan_policy)
        scan.objects_scanned += 1
        scan.files_scanned += sum(1 for part in item.parts if part.kind == "file")
        fresh += findings_record(
            obj=item.obj, label=item.label, url=item.url, source=Source.CONTENT, findings=content, now=started
        )
        fresh += findings_record(
            obj=item.obj, label=item.label, url=item.url, source=Source.FILE, findings=attached, now=started
        )
    scanned_sources = [Source.CONTENT] + ([Source.FILE] if files_too else [])
    if render:
        result = rendered.scan_pages(scan_policy)
        scan.pages_rendered = result.pages
        for seen in result.findings.values():
            fresh += findings_record(
                obj=None,
                label=seen.url,
                url=seen.url,
                source=Source.RENDERED,
                findings=[seen.finding],
                occurrences={_rendered_key(seen.finding): seen.count},
                now=started,
            )
        scanned_sources.append(Source.RENDERED)
    resolve_missing(obj=None, sources_scanned=scanned_sources, since=started)
    scan.findings_new = len(fresh)
    scan.open_high = IntegrityFinding.objects.filter(status=Status.OPEN, severity=HIGH).count()
    scan.finished_at = timezone.now()
    scan.save()
    notify_new(fresh)
    return scan


def _rendered_key(finding: Finding) -> str:
    return finding_key(
        source=Source.RENDERED, content_type_id=None, object_id="", rule=finding.rule, text=finding.excerpt
    )


@transaction.atomic
def finding_review(*, finding: IntegrityFinding, user, status: str) -> IntegrityFinding:
    """Mark a finding as a false positive (it stays hidden from warnings and blocks) or reopen it."""
    if status not in (Status.FALSE_POSITIVE, Status.OPEN):
        raise ValueError(status)
    finding.status = status
    finding.reviewed_by = user
    finding.resolved_at = timezone.now() if status == Status.FALSE_POSITIVE else None
    finding.save(update_fields=["status", "reviewed_by", "resolved_at"])
    return finding


def notify_new(fresh: list[IntegrityFinding]) -> None:
    """Mail the security contact about new high findings (durable task, queued with the findings)."""
    ids = [finding.pk for finding in fresh if finding.severity == HIGH]
    if not ids:
        return
    from .tasks import notify_security_contact

    notify_security_contact.enqueue(ids)
