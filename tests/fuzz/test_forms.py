"""Every public form, fuzzed with the abuse checks satisfied (a signed start time made a minute ago,
an empty honeypot, a same-site Origin), so the properties are about the data:

- never a 5xx, nothing logged as an error;
- refused input comes back as the form (4xx or 200) with a Vietnamese message;
- every acknowledged submission (redirect to the receipt, "đã nhận", thanks, "đã gửi") is stored
  as sent and can be found afterwards; nothing is half written (no attachment row without its
  file, no file without its row)."""

import html
import io
import re
import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from toasoan.core.abuse import HONEYPOT_FIELD, STARTED_FIELD

from . import harness, strategies
from .harness import SAME_ORIGIN, assert_vietnamese_message, fuzz_settings

ERROR_MARKER = re.compile(r'class="[^"]*(?:error|errors|problem)[^"]*"')


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (3, 2), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


PHONES = ["0912 345 678", "+84 912.345.678", "02438251234"]
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
FILES = {
    "valid pdf": ("van-ban.pdf", PDF),
    "valid png": ("ảnh chụp.png", _png()),
    "html as pdf": ("hoa-don.pdf", b"<html><script>alert(1)</script></html>"),
    "exe": ("setup.exe", b"MZ\x90\x00" + b"\x00" * 64),
    "svg": ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    "empty": ("rong.pdf", b""),
    "zip not office": ("bang.xlsx", b"PK\x03\x04" + b"\x00" * 40),
    "odd name": ('..\\..\\"<x>;|?*\x00.pdf', PDF),
    "vietnamese name": (unicodedata.normalize("NFD", "Đơn đề nghị (bản 2) – ký.pdf"), PDF),
}


def guard(valid: bool = True) -> dict[str, str]:
    return {STARTED_FIELD: strategies.valid_form_token() if valid else "", HONEYPOT_FIELD: ""}


def assert_refused(response, *statuses: int) -> None:
    assert response.status_code in statuses, response.status_code
    body = harness.text_of(response)
    match = ERROR_MARKER.search(body)
    assert match, f"{response.status_code}: the refused form shows no error"
    assert_vietnamese_message(response, match.group(0))


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- Feedback ---------------------------------------------------------------------------------


def _no_half_written(root: Path) -> None:
    from toasoan.feedback.models import Attachment

    rows = set(Attachment.objects.values_list("file", flat=True))
    files = {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()} if root.exists() else set()
    assert rows <= files, f"attachment rows without their file: {rows - files}"
    assert files <= rows, f"files without an attachment row: {files - rows}"


hostile_feedback = st.fixed_dictionaries(
    {
        "kind": st.one_of(st.sampled_from(["phan_anh", "kien_nghi", "hoi_dap"]), strategies.hostile_text(10)),
        "name": st.one_of(strategies.valid_name, strategies.hostile_text(120)),
        "email": st.one_of(st.just(""), strategies.emails, strategies.bad_emails),
        "phone": st.one_of(st.just(""), st.sampled_from(PHONES), strategies.numbers),
        "subject": st.one_of(strategies.valid_name, strategies.hostile_text(250)),
        "content": st.one_of(strategies.valid_body, strategies.hostile_text(6000)),
        "about": st.one_of(st.just(""), strategies.numbers),
        "consent": st.sampled_from(["on", "on", "", "1", "false"]),
    }
)
# Half the examples are valid (with odd but acceptable text), so the acknowledged path is exercised.
valid_feedback = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["phan_anh", "kien_nghi", "hoi_dap"]),
        "name": strategies.valid_name,
        "email": strategies.emails,
        "phone": st.one_of(st.just(""), st.sampled_from(PHONES)),
        "subject": strategies.valid_name,
        "content": strategies.valid_body,
        "about": st.just(""),
        "consent": st.just("on"),
    }
)
feedback_fields = st.one_of(valid_feedback, hostile_feedback)
VALID_FILES = ["valid pdf", "valid png", "vietnamese name"]
feedback_files = st.one_of(
    st.lists(st.sampled_from(VALID_FILES), max_size=3), st.lists(st.sampled_from(sorted(FILES)), max_size=3)
)


@fuzz_settings()
@given(fields=feedback_fields, files=feedback_files)
def test_feedback_submit(fields, files, fuzz_db, client):
    from toasoan.feedback.models import Kind, Submission
    from toasoan.feedback.storage import private_storage

    uploads = []
    for key in files:
        name, content = FILES[key]
        upload = io.BytesIO(content)
        upload.name = name
        uploads.append(upload)
    data = {**fields, **guard(), "attachments": uploads}
    before = Submission.objects.count()
    response = harness.request(client, "POST feedback:submit", "POST", "/phan-anh-kien-nghi/", data=data)
    root = Path(private_storage.location)
    _no_half_written(root)
    if response.status_code == 302:
        code = re.fullmatch(r"/phan-anh-kien-nghi/da-gui/([A-Z0-9-]+)/", response["Location"]).group(1)
        harness.ACKNOWLEDGED["feedback"] += 1
        submission = Submission.objects.get(code=code)  # acknowledged => stored
        assert Submission.objects.count() == before + 1
        assert submission.kind in Kind.values and submission.kind == fields["kind"]
        # Stored as sent, up to Unicode normalisation (canonically equivalent text).
        assert nfc(submission.content) == nfc(fields["content"].strip())
        assert nfc(submission.subject) == nfc(" ".join(fields["subject"].split()))
        stored = list(submission.attachments.all())
        assert len(stored) == len(uploads), "an acknowledged submission lost attachments"
        for row in stored:  # the row describes the file really stored (photos are re-encoded)
            assert (root / row.file.name).stat().st_size == row.size > 0
        receipt = harness.request(client, "POST feedback:submit", "GET", response["Location"])
        assert receipt.status_code == 200 and code in harness.text_of(receipt)
        track = "/phan-anh-kien-nghi/tra-cuu/"
        found = harness.request(client, "POST feedback:submit", "GET", track, data={"ma": code})
        assert found.status_code == 200 and submission.subject[:20] in html.unescape(harness.text_of(found))
    else:
        assert Submission.objects.count() == before, "a refused submission was stored"
        assert_refused(response, 200, 400, 429)


@fuzz_settings(scale=0.6)
@given(code=st.one_of(strategies.hostile_text(60), st.sampled_from(["PA-7K3M-Q9TX", "pa7k3mq9tx", "", " "])))
def test_feedback_track(code, fuzz_db, client):
    response = harness.request(client, "GET feedback:track", "GET", "/phan-anh-kien-nghi/tra-cuu/", data={"ma": code})
    assert response.status_code in (200, 404, 429)


# --- Consultation comments --------------------------------------------------------------------


hostile_comment = st.fixed_dictionaries(
    {
        "name": st.one_of(strategies.valid_name, strategies.hostile_text(150)),
        "organisation": st.one_of(st.just(""), strategies.hostile_text(300)),
        "email": st.one_of(strategies.emails, strategies.bad_emails),
        "section_ref": st.one_of(st.just(""), strategies.hostile_text(120)),
        "body": st.one_of(strategies.valid_body.map(lambda s: s + COMMENT_TAIL), strategies.hostile_text(6000)),
        "consent": st.sampled_from(["on", "on", ""]),
    }
)
valid_comment = st.fixed_dictionaries(
    {
        "name": strategies.valid_name,
        "organisation": st.one_of(st.just(""), strategies.valid_name),
        "email": strategies.emails,
        "section_ref": st.sampled_from(["", "Điều 5, khoản 2", "Điều 1"]),
        "body": strategies.valid_body.map(lambda s: s + COMMENT_TAIL),
        "consent": st.just("on"),
    }
)
comment_fields = st.one_of(valid_comment, hostile_comment)
COMMENT_TAIL = " góp ý thêm cho dự thảo"


def _clean_text(value: str) -> str:
    return nfc(value).replace("\r\n", "\n").strip()


@fuzz_settings()
@given(fields=comment_fields, encoding=st.sampled_from(["multipart", "urlencoded"]))
def test_consultation_comment(fields, encoding, fuzz_db, client):
    from urllib.parse import urlencode

    from toasoan.consultation.models import Comment

    page = harness.open_consultation()
    before = Comment.objects.filter(consultation=page).count()
    data = {**fields, **guard()}
    path = f"/lay-y-kien-du-thao/gop-y/{page.pk}/"
    kwargs = {"HTTP_ORIGIN": SAME_ORIGIN}
    if encoding == "urlencoded":
        kwargs |= {"data": urlencode(data), "content_type": "application/x-www-form-urlencoded"}
    else:
        kwargs["data"] = data
    response = harness.request(client, "POST consultation:comment_post", "POST", path, **kwargs)
    if response.status_code == 302:
        harness.ACKNOWLEDGED["consultation comment"] += 1
        assert response["Location"].endswith("/da-nhan-gop-y/")
        assert Comment.objects.filter(consultation=page).count() == before + 1
        comment = Comment.objects.filter(consultation=page).latest("created_at", "pk")
        assert nfc(comment.body) == _clean_text(fields["body"])
        assert nfc(comment.name) == _clean_text(fields["name"])
        from toasoan.consultation import rules

        # Valid guard fields: only rate limits and near-duplicates may flag it.
        assert set(comment.flags) <= {"near_duplicate", *(limit.flag for limit in rules.RATE_LIMITS)}
        received = harness.request(client, "POST consultation:comment_post", "GET", response["Location"])
        assert received.status_code == 200
    else:
        assert Comment.objects.filter(consultation=page).count() == before, "a refused comment was stored"
        assert_refused(response, 400)


# --- Satisfaction ratings and polls -----------------------------------------------------------


@fuzz_settings()
@given(data=st.data())
def test_rating_submit(data, fuzz_db, client):
    from toasoan.surveys import selectors
    from toasoan.surveys.models import Rating

    targets = [target.value for _, group in selectors.rating_target_groups() for target in group]
    valid = data.draw(st.booleans(), label="valid")
    junk = st.one_of(strategies.hostile_text(20), strategies.numbers)
    fields = {
        "target": data.draw(st.sampled_from(targets) if valid else st.one_of(st.sampled_from(targets), junk)),
        "level": data.draw(st.sampled_from(["1", "2", "3", "4"]) if valid else st.one_of(junk, st.just("3"))),
        "comment": data.draw(st.one_of(st.just(""), strategies.valid_body, strategies.hostile_text(1200))),
        **guard(),
    }
    before = Rating.objects.count()
    response = harness.request(client, "POST surveys:rating_form", "POST", "/danh-gia-hai-long/", data=fields)
    if response.status_code == 302:
        harness.ACKNOWLEDGED["rating"] += 1
        assert "/danh-gia-hai-long/cam-on/" in response["Location"]
        assert Rating.objects.count() == before + 1
        rating = Rating.objects.latest("created_at", "pk")
        assert rating.level == int(fields["level"])
        assert nfc(rating.comment) == nfc(fields["comment"].strip())
        thanks = harness.request(client, "POST surveys:rating_form", "GET", response["Location"])
        assert thanks.status_code == 200
    else:
        assert Rating.objects.count() == before, "a refused rating was stored"
        assert_refused(response, 400, 429)


@fuzz_settings()
@given(data=st.data())
def test_poll_vote(data, fuzz_db, client):
    from django.utils import timezone

    from toasoan.surveys.models import Poll, Vote

    polls = [poll for poll in Poll.objects.all() if poll.is_open_at(timezone.now())]
    assert polls, "the demo content has no open poll"
    poll = data.draw(st.sampled_from(polls), label="poll")
    options = [str(pk) for pk in poll.options.values_list("pk", flat=True)]
    real = data.draw(st.booleans(), label="real option")
    option = data.draw(st.sampled_from(options) if real else st.one_of(strategies.numbers, st.just("")), label="option")
    before = Vote.objects.count()
    response = harness.request(
        client,
        "POST surveys:poll_vote",
        "POST",
        f"/tham-do-y-kien/{poll.slug}/binh-chon/",
        data={"option": option, HONEYPOT_FIELD: ""},
        HTTP_ORIGIN=SAME_ORIGIN,
    )
    if response.status_code == 302:
        harness.ACKNOWLEDGED["poll vote"] += 1
        assert Vote.objects.count() == before + 1
        vote = Vote.objects.latest("created_at", "pk")
        assert str(vote.option_id) == option.strip() and vote.status == "counted"
        shown = harness.request(client, "POST surveys:poll_vote", "GET", response["Location"])
        assert shown.status_code == 200
    else:
        assert Vote.objects.count() == before, "a refused vote was stored"
        assert response.status_code in (400, 409, 429)
        assert_vietnamese_message(response, 'class="form-error"')


# --- Newsletter -------------------------------------------------------------------------------


@fuzz_settings()
@given(data=st.data())
def test_newsletter_subscribe(data, fuzz_db, client):
    """An acknowledged subscription is stored with its consent, and its confirmation link, then the
    one-click unsubscribe of RFC 8058 (List-Unsubscribe-Post), work."""
    from toasoan.newsletter import selectors, tokens
    from toasoan.newsletter.models import ConsentRecord, Subscriber

    sections = [str(pk) for pk in selectors.sections().values_list("pk", flat=True)]
    valid = data.draw(st.booleans(), label="valid")
    some_sections = st.lists(st.sampled_from(sections), min_size=1, max_size=3)
    fields = {
        "email": data.draw(strategies.emails if valid else st.one_of(strategies.emails, strategies.bad_emails)),
        "sections": data.draw(
            some_sections if valid else st.lists(st.one_of(st.sampled_from(sections), strategies.numbers), max_size=3)
        ),
        "consent": data.draw(st.just("on") if valid else st.sampled_from(["on", "on", ""]), label="consent"),
        **guard(),
    }
    before = ConsentRecord.objects.count()
    response = harness.request(
        client, "POST newsletter:subscribe", "POST", "/ban-tin/dang-ky/", data=fields, HTTP_ORIGIN=SAME_ORIGIN
    )
    if response.status_code != 302:
        assert ConsentRecord.objects.count() == before, "a refused subscription was stored"
        assert_refused(response, 400, 429)
        return
    harness.ACKNOWLEDGED["newsletter subscription"] += 1
    assert response["Location"] == "/ban-tin/dang-ky/da-gui/"
    subscriber = Subscriber.objects.get(email=fields["email"].strip().lower())
    record = ConsentRecord.objects.filter(subscriber=subscriber).latest("created_at", "pk")
    assert ConsentRecord.objects.count() == before + 1
    assert record.section_ids == sorted({int(pk) for pk in fields["sections"]})
    confirm = f"/ban-tin/xac-nhan/{tokens.make(tokens.CONFIRM, subscriber.key, record.pk)}/"
    confirmed = harness.request(client, "POST newsletter:subscribe", "POST", confirm)
    assert confirmed.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert {str(pk) for pk in subscriber.sections.values_list("pk", flat=True)} == set(fields["sections"])
    unsubscribe = f"/ban-tin/huy/{tokens.make(tokens.UNSUBSCRIBE, subscriber.key)}/"
    one_click = harness.request(
        client,
        "POST newsletter:subscribe",
        "POST",
        unsubscribe,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert one_click.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


@fuzz_settings()
@given(data=st.data())
def test_newsletter_links(data, fuzz_db, client):
    """Signed links forged, tampered with, expired or made for another purpose: a 4xx page that
    says so in Vietnamese, and nothing changes."""
    from django.core import signing

    from toasoan.newsletter import tokens
    from toasoan.newsletter.models import Subscriber

    subscriber = Subscriber.objects.order_by("pk").first() or Subscriber.objects.create(email="a@example.vn")
    real = {purpose: tokens.make(purpose, subscriber.key, 1) for purpose in ("confirm", "unsubscribe", "preferences")}
    states = dict(Subscriber.objects.values_list("pk", "status"))
    kind = data.draw(st.sampled_from(["confirm", "unsubscribe", "preferences"]), label="link")
    token = data.draw(
        st.one_of(
            strategies.hostile_text(80).map(lambda s: re.sub(r"[/?#%]", "", s) or "x"),
            st.sampled_from(list(real.values())).map(lambda t: t[:-2] + ("AA" if t[-2:] != "AA" else "BB")),
            st.sampled_from([real[other] for other in real if other != kind]),  # another purpose
            st.just(signing.dumps({"k": "not-a-uuid"}, salt=f"toasoan.newsletter.{kind}")),
            st.just(signing.dumps(["k"], salt=f"toasoan.newsletter.{kind}")),
            st.just(signing.dumps({"k": subscriber.key.hex, "c": "1"}, salt=f"toasoan.newsletter.{kind}")),
        ),
        label="token",
    )
    segment = {"confirm": "xac-nhan", "unsubscribe": "huy", "preferences": "tuy-chon"}[kind]
    method = data.draw(st.sampled_from(["GET", "POST"]), label="method")
    response = harness.request(client, f"{method} newsletter:{kind}", method, f"/ban-tin/{segment}/{token}/")
    assert response.status_code in (400, 404, 410), response.status_code
    if response.status_code != 404:
        assert_vietnamese_message(response, "nl-alert")
    assert dict(Subscriber.objects.values_list("pk", "status")) == states, "a forged link changed a subscription"
