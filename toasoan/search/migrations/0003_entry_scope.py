"""Search per site: every entry gets the root page id of its site (SearchEntry.scope).

Existing entries are scoped here, and all of them are marked unsynced so the engine gets the
scope too (the engines add their own column or field and refill themselves: search/backends.py)."""

from django.db import migrations, models

SCOPE_NO_SITE = -1


def scope_entries(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    SearchEntry = apps.get_model("search", "SearchEntry")
    roots = sorted(set(Site.objects.values_list("root_page_id", "root_page__path")), key=lambda r: -len(r[1]))
    done: list[str] = []
    for root_id, path in roots:  # deepest first: a page belongs to the nearest site root above it
        entries = SearchEntry.objects.filter(page__path__startswith=path)
        for deeper in done:
            entries = entries.exclude(page__path__startswith=deeper)
        entries.update(scope=root_id)
        done.append(path)
    outside = SearchEntry.objects.filter(page__isnull=False)
    for path in done:
        outside = outside.exclude(page__path__startswith=path)
    outside.update(scope=SCOPE_NO_SITE)
    SearchEntry.objects.update(synced=False)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_default_abbreviations"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="scope",
            field=models.IntegerField(db_index=True, default=0),
        ),
        migrations.RunPython(scope_entries, migrations.RunPython.noop),
    ]
