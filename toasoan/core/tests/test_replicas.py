"""The replica router and middleware in-process (test settings have no replica: the aliases and
their health are given). The real streaming replica is in tests/replicas/."""

import pytest
from django.contrib.sessions.models import Session
from django.db import DEFAULT_DB_ALIAS, connection
from django.http import HttpResponse
from django.test import RequestFactory

from toasoan.core import replicas
from toasoan.core.db_routers import ReplicaRouter
from toasoan.news.models import HomePage

REPLICAS = ["replica1", "replica2"]


@pytest.fixture
def two_replicas(monkeypatch):
    """Two replicas, both fit unless a test says otherwise (healthy[alias] = False)."""
    healthy = dict.fromkeys(REPLICAS, True)
    monkeypatch.setattr(replicas, "replica_aliases", lambda: list(REPLICAS))
    monkeypatch.setattr(replicas, "is_healthy", lambda alias: healthy[alias])
    return healthy


def test_outside_a_request_reads_go_to_the_primary(two_replicas):
    # Management commands, the scheduler, task workers: a job deciding from a stale copy would
    # write wrong data.
    assert ReplicaRouter().db_for_read(HomePage) == DEFAULT_DB_ALIAS


def test_writes_and_migrations_go_to_the_primary_only(two_replicas):
    router = ReplicaRouter()
    with replicas.replica_reads():
        assert router.db_for_write(HomePage) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "news")
    assert not router.allow_migrate("replica1", "news")
    assert router.allow_relation(Session(), Session())


def test_a_request_reads_one_replica_throughout(two_replicas):
    router = ReplicaRouter()
    seen = set()
    for _ in range(20):
        with replicas.replica_reads():
            chosen = {router.db_for_read(HomePage) for _ in range(10)}
        assert len(chosen) == 1  # never two standbys at different points in one page
        seen |= chosen
    assert seen <= set(REPLICAS) and seen  # and both get reads over many requests (random)


def test_unfit_replicas_are_skipped_and_none_fit_means_primary(two_replicas):
    router = ReplicaRouter()
    two_replicas["replica1"] = False
    with replicas.replica_reads():
        assert router.db_for_read(HomePage) == "replica2"
    two_replicas["replica2"] = False
    with replicas.replica_reads():
        assert router.db_for_read(HomePage) == DEFAULT_DB_ALIAS


def test_sites_are_read_from_the_primary(two_replicas):
    # Wagtail caches the site map it builds from them (an hour, in the shared cache).
    from wagtail.models import Site

    with replicas.replica_reads():
        assert ReplicaRouter().db_for_read(Site) == DEFAULT_DB_ALIAS
        assert ReplicaRouter().db_for_read(HomePage) in REPLICAS


def test_reads_inside_a_transaction_on_the_primary_stay_there(two_replicas, db):
    # pytest-django runs this test inside a transaction, as a form view's atomic block would be:
    # a replica would not see the rows the transaction wrote.
    assert connection.in_atomic_block
    with replicas.replica_reads():
        assert ReplicaRouter().db_for_read(HomePage) == DEFAULT_DB_ALIAS


# --- Who may read a replica ----------------------------------------------------------------------


@pytest.fixture
def rf():
    return RequestFactory()


def pin_cookie() -> str:
    """The value ReplicaMiddleware sets, as the browser sends it back."""
    response = HttpResponse()
    response.set_signed_cookie(replicas.PIN_COOKIE, "1", salt=replicas._PIN_SALT)
    return response.cookies[replicas.PIN_COOKIE].value


def test_anonymous_public_get_may_read_a_replica(rf):
    assert replicas.replicas_allowed(rf.get("/tin-tuc/bai-viet/?xem=1"))
    assert replicas.replicas_allowed(rf.head("/tim-kiem/?q=thu+tuc"))


@pytest.mark.parametrize(
    "make",
    [
        lambda rf: rf.post("/phan-anh/gui/", {"noi_dung": "x"}),
        lambda rf: rf.get("/admin/pages/3/edit/"),
        lambda rf: rf.get("/django-admin/"),
        lambda rf: rf.get("/tin-tuc/", HTTP_COOKIE="sessionid=abc"),
        lambda rf: rf.get("/tin-tuc/", **{replicas.PAGE_CACHE_RENDER: True}),
    ],
    ids=["post", "admin", "django-admin", "session", "page-cache-render"],
)
def test_these_requests_read_the_primary(rf, make):
    assert not replicas.replicas_allowed(make(rf))


def test_a_valid_pin_cookie_reads_the_primary_until_it_expires(rf, settings):
    value = pin_cookie()
    assert not replicas.replicas_allowed(rf.get("/tin-tuc/", HTTP_COOKIE=f"{replicas.PIN_COOKIE}={value}"))
    # Forged or expired: a replica again.
    assert replicas.replicas_allowed(rf.get("/tin-tuc/", HTTP_COOKIE=f"{replicas.PIN_COOKIE}=1:forged"))
    settings.TOASOAN_REPLICAS = {**settings.TOASOAN_REPLICAS, "PIN_SECONDS": -1}
    assert replicas.replicas_allowed(rf.get("/tin-tuc/", HTTP_COOKIE=f"{replicas.PIN_COOKIE}={value}"))


# --- The middleware ------------------------------------------------------------------------------


def run_middleware(request, view):
    """ReplicaMiddleware around `view`, as if a replica were configured."""
    return replicas.ReplicaMiddleware(view)(request)


def test_the_middleware_is_dropped_without_replicas():
    from django.core.exceptions import MiddlewareNotUsed

    with pytest.raises(MiddlewareNotUsed):
        replicas.ReplicaMiddleware(lambda request: HttpResponse())


def test_a_request_that_writes_reads_the_primary_after_and_pins_its_reader(two_replicas, rf, monkeypatch, db):
    monkeypatch.setattr(replicas, "_in_transaction", lambda: False)  # as in a real autocommit request
    router = ReplicaRouter()
    reads = []

    def view(request):
        reads.append(router.db_for_read(Session))
        Session.objects.create(session_key="k" * 32, session_data="", expire_date="2030-01-01T00:00Z")
        reads.append(router.db_for_read(Session))
        return HttpResponse("ok")

    response = run_middleware(rf.get("/ban-tin/xac-nhan/abc/"), view)
    assert reads[0] in REPLICAS and reads[1] == DEFAULT_DB_ALIAS
    cookie = response.cookies[replicas.PIN_COOKIE]
    assert cookie["max-age"] == 10 and cookie["httponly"]
    # The next request of that reader, with the cookie, reads the primary.
    assert not replicas.replicas_allowed(rf.get("/", HTTP_COOKIE=f"{replicas.PIN_COOKIE}={cookie.value}"))


def test_reads_that_only_ask_for_the_write_connection_do_not_pin(two_replicas, rf, db):
    # get_or_create() reads through db_for_write (Wagtail's site settings on every page): pinning
    # for it would keep every page out of the page cache.
    Session.objects.create(session_key="k" * 32, session_data="", expire_date="2030-01-01T00:00Z")

    def view(request):
        Session.objects.get_or_create(session_key="k" * 32, defaults={"session_data": "", "expire_date": "2030-01-01"})
        list(Session.objects.select_for_update().filter(session_key="k" * 32))
        return HttpResponse("ok")

    response = run_middleware(rf.get("/"), view)
    assert replicas.PIN_COOKIE not in response.cookies


def test_state_does_not_leak_out_of_a_request(two_replicas, rf):
    run_middleware(rf.get("/"), lambda request: HttpResponse())
    assert replicas._state.get() is None
    assert ReplicaRouter().db_for_read(HomePage) == DEFAULT_DB_ALIAS
