import datetime
import threading

from django.utils import timezone
from freezegun import freeze_time

from toasoan.news.models import ArticlePage
from toasoan.publishing.scheduler import run_due_jobs, run_forever


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


def test_run_forever_repeats_and_survives_a_failing_run():
    stop = threading.Event()
    calls = []

    def job():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database is locked")
        if len(calls) == 3:
            stop.set()

    run_forever(0, stop, job=job)
    assert len(calls) == 3
