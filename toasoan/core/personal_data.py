"""One person's personal data across the apps that hold it: a registry, so that the privacy tools
(toasoan/trust/privacy) never import the apps. Each app says, in its own `personal_data.py`
(found by autodiscovery, like wagtail_hooks), how to find a person's data by email and/or phone,
export it and erase it:

    personal_data.register(
        "feedback", label="Phản ánh, kiến nghị, hỏi đáp", find=find, export=export, erase=erase
    )

`find` returns a Holding (count and a short summary), `export` an Export (tables of dict rows and
files), `erase` an Erasure. Erasers run together in one transaction (all or nothing): they change
rows only through the ORM with save()/delete(), so page cache invalidation and file deletion
happen on commit through the apps' signals, and say which public pages showed the data."""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.module_loading import autodiscover_modules

# What an erased name becomes, and what redact() puts in place of identifiers in free text.
ERASED_NAME = "[đã xóa theo yêu cầu]"
ERASED_EMAIL = "[email đã xóa]"
ERASED_PHONE = "[số điện thoại đã xóa]"

_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
_PHONE = re.compile(r"^0(?:[35789]\d{8}|2\d{9})$")


def normalise_email(raw: str) -> str:
    """Lower case, trimmed; raises ValidationError (Vietnamese) when it is not an address."""
    email = (raw or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError("Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@gmail.com).", code="email") from None
    return email


def normalise_phone(raw: str) -> str:
    """ "+84 912.345.678", "84912345678", "0912 345 678" -> "0912345678" (mobile, or landline
    with area code); raises ValidationError (Vietnamese) otherwise."""
    digits = _PHONE_SEPARATORS.sub("", raw or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not _PHONE.match(digits):
        raise ValidationError(
            "Số điện thoại không hợp lệ: nhập số di động 10 chữ số (ví dụ 0912 345 678) "
            "hoặc số cố định có mã vùng (ví dụ 0243 825 1234).",
            code="phone",
        )
    return digits


@dataclass(frozen=True)
class Person:
    """Whom to look for: a normalised email and/or phone number (at least one)."""

    email: str = ""
    phone: str = ""

    @classmethod
    def from_input(cls, *, email: str = "", phone: str = "") -> "Person":
        """Normalise what staff typed; raises ValidationError with every problem, in Vietnamese."""
        errors, values = [], {}
        for name, raw, normalise in (("email", email, normalise_email), ("phone", phone, normalise_phone)):
            if (raw or "").strip():
                try:
                    values[name] = normalise(raw)
                except ValidationError as error:
                    errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        if not values:
            raise ValidationError("Hãy nhập thư điện tử hoặc số điện thoại của người cần tra cứu.", code="empty")
        return cls(**values)

    def identifiers(self) -> list[str]:
        return [value for value in (self.email, self.phone) if value]

    def email_pattern(self) -> re.Pattern | None:
        """The address in free text, not inside a longer one (an@x.vn is not in toan@x.vn)."""
        if not self.email:
            return None
        return re.compile(rf"(?<![\w.+\-]){re.escape(self.email)}(?![\w\-]|\.\w)", re.IGNORECASE)

    def phone_pattern(self) -> re.Pattern | None:
        """The phone number in free text, in any usual writing: 0912 345 678, +84 912.345.678..."""
        if not self.phone:
            return None
        rest = r"[\s.\-]?".join(self.phone[1:])
        return re.compile(rf"(?<![\d+])(?:\+84|84|0)[\s.\-]?{rest}(?!\d)")

    def mentioned_in(self, text: str) -> bool:
        return any(pattern.search(text or "") for pattern in (self.email_pattern(), self.phone_pattern()) if pattern)


def redact(text: str, person: Person, names: tuple[str, ...] = ()) -> str:
    """`text` without the person's email, phone number (any writing) and known names."""
    if not text:
        return text
    for pattern, placeholder in ((person.email_pattern(), ERASED_EMAIL), (person.phone_pattern(), ERASED_PHONE)):
        if pattern is not None:
            text = pattern.sub(placeholder, text)
    for name in names:
        name = " ".join((name or "").split())
        if len(name) >= 3 and name != ERASED_NAME:
            text = re.sub(r"\s+".join(re.escape(part) for part in name.split()), ERASED_NAME, text, flags=re.I)
    return text


def redact_log_entries(instance, person: Person, names: tuple[str, ...] = (), label: str | None = None) -> int:
    """Rewrite the audit log's entries about `instance` without the person's data. Wagtail's log
    keeps the object's name as it was when logged (a subscriber's email, a comment's author): the
    entries stay, who did what and when, but no longer name the person. Returns entries changed."""
    from wagtail.models import ModelLogEntry  # core.personal_data is imported before apps are ready

    changed = 0
    for entry in ModelLogEntry.objects.for_instance(instance):
        new_label = label if label is not None else redact(entry.label, person, names)
        try:
            new_data = json.loads(redact(json.dumps(entry.data, ensure_ascii=False), person, names))
        except ValueError:  # a name inside JSON syntax: keep nothing rather than a broken record
            new_data = {}
        if (new_label, new_data) != (entry.label, entry.data):
            entry.label, entry.data = new_label[:255], new_data
            entry.save(update_fields=["label", "data"])
            changed += 1
    return changed


@dataclass
class Holding:
    """What one app holds about the person: how many records, and a line per record."""

    count: int = 0
    lines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ExportFile:
    name: str  # path inside the archive
    read: Callable[[], bytes]


@dataclass
class Export:
    tables: dict[str, list[dict]] = field(default_factory=dict)  # table name -> rows (JSON-safe values)
    files: list[ExportFile] = field(default_factory=list)


@dataclass
class Erasure:
    deleted: int = 0  # records removed
    anonymised: int = 0  # records kept (agency records, statistics) without the personal data
    public_paths: list[str] = field(default_factory=list)  # public pages that showed the data

    @property
    def total(self) -> int:
        return self.deleted + self.anonymised


@dataclass(frozen=True)
class Source:
    name: str
    label: str
    find: Callable[[Person], Holding]
    export: Callable[[Person], Export]
    erase: Callable[[Person], Erasure]
    order: int = 50


_sources: dict[str, Source] = {}
_discovered = False


def register(
    name: str,
    *,
    label: str,
    find: Callable[[Person], Holding],
    export: Callable[[Person], Export],
    erase: Callable[[Person], Erasure],
    order: int = 50,
) -> None:
    """Add (or replace) an app's source: registering twice is harmless (tests, reloads)."""
    _sources[name] = Source(name, label, find, export, erase, order)


def unregister(name: str) -> None:
    _sources.pop(name, None)


def sources() -> list[Source]:
    """Every registered source, in order; apps' `personal_data` modules are imported once."""
    global _discovered
    if not _discovered:
        autodiscover_modules("personal_data")
        _discovered = True
    return sorted(_sources.values(), key=lambda source: (source.order, source.name))
