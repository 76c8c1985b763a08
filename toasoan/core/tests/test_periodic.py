import datetime
import threading

from django.utils import timezone
from freezegun import freeze_time

from toasoan.core.periodic import run_due_jobs, run_forever
from toasoan.news.models import ArticlePage


def test_due_scheduled_article_goes_live(section, make_article):
    article = make_article(section, "Bài hẹn giờ", live=False)
    article.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = article.save_revision()
    revision.publish()  # with a future go-live this only schedules it
    assert not ArticlePage.objects.get(pk=article.pk).live

    run_due_jobs()
    assert not ArticlePage.objects.get(pk=article.pk).live

    with freeze_time(timezone.now() + datetime.timedelta(hours=2)):
        run_due_jobs()
    assert ArticlePage.objects.get(pk=article.pk).live


def test_a_failing_job_does_not_stop_the_others(db, monkeypatch):
    from toasoan.core import periodic

    calls = []
    monkeypatch.setattr(periodic, "_jobs", {})
    periodic.register("broken", lambda: 1 / 0)
    periodic.register("fine", lambda: calls.append("fine"))
    run_due_jobs()
    assert calls == ["fine"]


def test_run_forever_repeats_and_survives_a_failing_run():
    stop = threading.Event()
    calls = []

    def job():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database is locked")
        if len(calls) == 3:
            stop.set()

    run_forever(0, stop, tick=job)
    assert len(calls) == 3


def test_a_per_server_job_runs_on_every_server_without_the_lock(db, monkeypatch):
    """A job on the server's own files (its search index) runs on each scheduler, even while
    another server holds the job's lock; shared jobs wait for the lock."""
    import contextlib

    from toasoan.core import locks, periodic

    calls = []
    monkeypatch.setattr(periodic, "_jobs", {})
    monkeypatch.setattr(periodic, "_per_server", {})

    @contextlib.contextmanager
    def taken_elsewhere(name):
        yield False

    monkeypatch.setattr(locks, "held", taken_elsewhere)
    periodic.register("shared", lambda: calls.append("shared"))
    periodic.register("own index", lambda: calls.append("own index"), per_server=lambda: True)
    periodic.register("own index, not here", lambda: calls.append("not here"), per_server=lambda: False)
    run_due_jobs()
    assert calls == ["own index"]
