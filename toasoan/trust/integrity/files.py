"""Attachments, where cheap and without new packages: PDF bytes (links and active content, also
inside Flate-compressed streams) and Office Open XML (DOCX, XLSX, PPTX: unzip, read the XML).
PDF text itself is out of reach (it needs a PDF library); its links and actions are not."""

import io
import re
import zipfile
import zlib

from . import rules
from .rules import HIGH
from .scanner import Finding, Policy, check_text, check_url, dedupe, excerpt

MAX_BYTES = 30 * 1024 * 1024  # larger files are skipped: the scan must stay cheap
MAX_UNZIPPED = 60 * 1024 * 1024  # zip bombs
MAX_STREAM = 4 * 1024 * 1024

_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_PDF_URI = re.compile(rb"/URI\s*\(((?:\\.|[^\\)])*)\)")
_PDF_URI_HEX = re.compile(rb"/URI\s*<([0-9A-Fa-f\s]+)>")
_PDF_JS = re.compile(rb"/(?:JS|JavaScript)\b")
_PDF_LAUNCH = re.compile(rb"/Launch\b")
_XML_TAG = re.compile(r"<[^>]+>")
_REL_TARGET = re.compile(r"<Relationship\b[^>]*?Target=\"([^\"]+)\"[^>]*?TargetMode=\"External\"", re.S)
_REL_TARGET_2 = re.compile(r"<Relationship\b[^>]*?TargetMode=\"External\"[^>]*?Target=\"([^\"]+)\"", re.S)
_INSTR_URL = re.compile(r"HYPERLINK\s+&quot;([^&]+)&quot;|HYPERLINK\s+\"([^\"]+)\"")


def kind_of(name: str, head: bytes) -> str:
    """ "pdf", "ooxml" or "" from the content, not the extension."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "ooxml"
    return ""


def scan_file(name: str, data: bytes, *, policy: Policy | None = None) -> list[Finding]:
    """Findings in an uploaded file's bytes (PDF or DOCX/XLSX/PPTX; anything else: none)."""
    policy = policy or Policy()
    if len(data) > MAX_BYTES:
        return []
    kind = kind_of(name, data[:8])
    if kind == "pdf":
        return dedupe(scan_pdf(data, location=name, policy=policy))
    if kind == "ooxml":
        return dedupe(scan_ooxml(data, location=name, policy=policy))
    return []


def _pdf_string(raw: bytes) -> str:
    raw = re.sub(rb"\\([()\\])", rb"\1", raw)
    return raw.decode("latin-1", "replace")


def _pdf_bodies(data: bytes) -> list[bytes]:
    """The file itself and every stream that inflates (object streams hide annotations)."""
    bodies = [data]
    for match in _PDF_STREAM.finditer(data):
        chunk = match.group(1)
        try:
            inflated = zlib.decompressobj().decompress(chunk, MAX_STREAM)
        except zlib.error:
            continue
        if inflated:
            bodies.append(inflated)
    return bodies


def scan_pdf(data: bytes, *, location: str = "", policy: Policy) -> list[Finding]:
    findings = []
    for body in _pdf_bodies(data):
        for match in _PDF_URI.finditer(body):
            findings += check_url(_pdf_string(match.group(1)), location, policy)
        for match in _PDF_URI_HEX.finditer(body):
            try:
                url = bytes.fromhex(match.group(1).decode().replace(" ", "").replace("\n", "")).decode("latin-1")
            except ValueError:
                continue
            findings += check_url(url, location, policy)
        for pattern, rule in ((_PDF_JS, "pdf_javascript"), (_PDF_LAUNCH, "pdf_launch")):
            match = pattern.search(body)
            if match:
                around = body[max(0, match.start() - 40) : match.end() + 80].decode("latin-1", "replace")
                findings.append(Finding(rule, HIGH, excerpt(around), location))
    return findings


def scan_ooxml(data: bytes, *, location: str = "", policy: Policy) -> list[Finding]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return []
    infos = archive.infolist()
    if sum(info.file_size for info in infos) > MAX_UNZIPPED:
        return []
    findings = []
    for info in infos:
        name = info.filename
        where = f"{location}:{name}" if location else name
        if name.lower().endswith("vbaproject.bin"):
            findings.append(Finding("office_macro", HIGH, name, where))
            continue
        if not (name.endswith(".xml") or name.endswith(".rels")):
            continue
        xml = archive.read(info).decode("utf-8", "replace")
        if name.endswith(".rels"):
            for pattern in (_REL_TARGET, _REL_TARGET_2):
                for match in pattern.finditer(xml):
                    findings += check_url(match.group(1).replace("&amp;", "&"), where, policy)
            continue
        for match in _INSTR_URL.finditer(xml):
            findings += check_url(match.group(1) or match.group(2), where, policy)
        text = _XML_TAG.sub(" ", xml)
        text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        findings += check_text(text, where, prose=True)
        # Text formatted as hidden in Word (w:vanish) is text a reader does not see
        if "<w:vanish/>" in xml or "<w:vanish " in xml:
            for run in re.findall(r"<w:r>(?:(?!</w:r>).)*<w:vanish\s*/>(?:(?!</w:r>).)*</w:r>", xml, re.S):
                hidden = _XML_TAG.sub(" ", run)
                findings += check_text(hidden, where, prose=False)
    return [f for f in findings if f.rule in rules.RULES]
