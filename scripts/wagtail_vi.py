"""Keep the admin in Vietnamese: Wagtail ships only a small part of its admin translated to "vi".

    .venv/bin/python scripts/wagtail_vi.py missing OUT.po   # Wagtail strings our catalogue lacks
    .venv/bin/python scripts/wagtail_vi.py compile          # .po -> .mo for toasoan/locale

Our catalogue (toasoan/locale/vi/LC_MESSAGES/django.po and djangojs.po) takes precedence over
Wagtail's own (LOCALE_PATHS comes first). Run `missing` after upgrading Wagtail, translate the new
entries, append them to our catalogue, and `compile`. Needs polib (requirements/test.txt).
"""

import sys
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parents[1]
LOCALE = REPO / "toasoan" / "locale" / "vi" / "LC_MESSAGES"
DOMAINS = ("django", "djangojs")


def wagtail_dir() -> Path:
    import wagtail

    return Path(wagtail.__file__).parent


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def _translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural and entry.msgstr_plural.get(0))
    return bool(entry.msgstr)


def missing(out: Path) -> int:
    result = polib.POFile()
    result.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=1; plural=0;"}
    for domain in DOMAINS:
        ours_path = LOCALE / f"{domain}.po"
        ours = {_key(e) for e in polib.pofile(str(ours_path)) if _translated(e)} if ours_path.exists() else set()
        seen = set()
        for en_po in sorted(wagtail_dir().rglob(f"locale/en/LC_MESSAGES/{domain}.po")):
            for entry in polib.pofile(str(en_po)):
                key = _key(entry)
                if key in ours or key in seen or entry.obsolete:
                    continue
                seen.add(key)
                new = polib.POEntry(
                    msgctxt=entry.msgctxt,
                    msgid=entry.msgid,
                    msgid_plural=entry.msgid_plural,
                    msgstr="",
                    msgstr_plural={0: ""} if entry.msgid_plural else {},
                    comment=f"domain: {domain}",
                    occurrences=entry.occurrences[:2],
                )
                result.append(new)
    result.save(str(out))
    return len(result)


def compile_catalogues() -> None:
    for domain in DOMAINS:
        po_path = LOCALE / f"{domain}.po"
        if po_path.exists():
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


if __name__ == "__main__":
    if sys.argv[1:2] == ["missing"]:
        print(missing(Path(sys.argv[2])), "strings to translate")
    elif sys.argv[1:2] == ["compile"]:
        compile_catalogues()
    else:
        sys.exit(__doc__)
