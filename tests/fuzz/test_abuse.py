"""The abuse checks themselves, fuzzed (core.abuse: signed start time, honeypot, same-site Origin;
Django's CSRF on the feedback form): a forged or missing check is refused or flagged as the form's
rules say, never a 5xx, never stored as a clean submission."""

import re

from django.core import signing
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from toasoan.core import abuse
from toasoan.core.abuse import HONEYPOT_FIELD, STARTED_FIELD

from . import harness, strategies
from .harness import SAME_ORIGIN, assert_vietnamese_message, fuzz_settings

# Token kinds and the reason check_form must give for each.
TOKENS = {
    "valid": (lambda draw: strategies.valid_form_token(), None),
    "missing": (lambda draw: "", "token_invalid"),
    "junk": (lambda draw: draw(strategies.hostile_text(40)), "token_invalid"),
    "forged": (lambda draw: f"{draw(st.integers(0, 2**45))}:AAAAAAAAAAAAAAAAAAAAAAAAAAA", "token_invalid"),
    "other salt": (lambda draw: signing.Signer(salt="x").sign("1700000000000"), "token_invalid"),
    "fresh": (lambda draw: abuse.form_token(), "too_fast"),
    "expired": (lambda draw: strategies.valid_form_token(400 * 86400.0), "token_expired"),
}
FORMS = ["newsletter", "consultation", "poll", "rating", "feedback"]
CROSS_SITE = re.compile(r"testserver", re.IGNORECASE)


def _origin_headers(draw) -> tuple[dict[str, str], str]:
    """(headers, "same" | "cross" | "unsure"): only clear cases get an expectation."""
    kind = draw(st.sampled_from(["same", "same referer", "cross", "hostile", "none"]), label="origin kind")
    if kind == "same":
        return {"HTTP_ORIGIN": SAME_ORIGIN}, "same"
    if kind == "same referer":
        return {"HTTP_REFERER": f"{SAME_ORIGIN}/trang-chu/"}, "same"
    if kind == "none":
        return {}, "cross"
    origin = draw(strategies.origins if kind == "hostile" else st.sampled_from(["http://evil.example", "null"]))
    return {"HTTP_ORIGIN": origin}, "unsure" if CROSS_SITE.search(origin) else "cross"


def _post(client, name: str, path: str, data: dict, headers: dict):
    return harness.request(client, f"guard {name}", "POST", path, data=data, **headers)


@fuzz_settings(scale=1.5)
@given(data=st.data())
def test_guard_fields(data, fuzz_db):
    from django.utils import timezone

    from toasoan.consultation.models import Comment
    from toasoan.feedback.models import Submission
    from toasoan.newsletter.models import ConsentRecord
    from toasoan.surveys import selectors as survey_selectors
    from toasoan.surveys.models import Poll, Rating, Vote

    client = Client()
    form = data.draw(st.sampled_from(FORMS), label="form")
    token_kind = data.draw(st.sampled_from(sorted(TOKENS)), label="token")
    make_token, token_reason = TOKENS[token_kind]
    honeypot = data.draw(st.one_of(st.just(""), st.just(""), strategies.hostile_text(20)), label="honeypot")
    guard = {STARTED_FIELD: make_token(data.draw), HONEYPOT_FIELD: honeypot}
    headers, site = _origin_headers(data.draw)
    expected = [reason for reason in (token_reason,) if reason]
    if honeypot.strip():
        expected.insert(0, "honeypot")

    if form == "newsletter":
        from toasoan.newsletter.selectors import sections as newsletter_sections

        sections = [str(pk) for pk in newsletter_sections().values_list("pk", flat=True)[:1]]
        before = ConsentRecord.objects.count()
        fields = {"email": f"guard{harness.fresh_ip()}@example.vn", "sections": sections, "consent": "on", **guard}
        response = _post(client, form, "/ban-tin/dang-ky/", fields, headers)
        stored = ConsentRecord.objects.count() - before
        if site == "cross":
            assert response.status_code == 403 and not stored
        elif site == "same" and expected:
            assert response.status_code == 400 and not stored, "the subscribe form takes no flagged request"
        if response.status_code >= 400:
            assert_vietnamese_message(response, "nl-alert--error")

    elif form == "consultation":
        page = harness.open_consultation()
        before = Comment.objects.count()
        email = f"c{harness.fresh_ip()}@example.vn"
        fields = {"name": "Lê Văn C", "email": email, "body": "Đề nghị làm rõ khoản 2 Điều 5.", "consent": "on"}
        response = _post(client, form, f"/lay-y-kien-du-thao/gop-y/{page.pk}/", {**fields, **guard}, headers)
        if site == "cross":
            assert response.status_code == 403 and Comment.objects.count() == before
        elif site == "same":
            assert response.status_code == 302, "a comment is stored and flagged, never refused for its guard fields"
            comment = Comment.objects.latest("created_at", "pk")
            assert set(expected) <= set(comment.flags) and comment.suspicious == bool(comment.flags)

    elif form == "poll":
        poll = next(p for p in Poll.objects.all() if p.is_open_at(timezone.now()))
        option = poll.options.values_list("pk", flat=True).first()
        before = Vote.objects.count()
        response = _post(client, form, f"/tham-do-y-kien/{poll.slug}/binh-chon/", {"option": option, **guard}, headers)
        if site == "cross":
            assert response.status_code == 403 and Vote.objects.count() == before
            assert_vietnamese_message(response, 'class="form-error"')
        elif site == "same":
            assert response.status_code == 302
            vote = Vote.objects.latest("created_at", "pk")  # the token is not checked: cached home page
            assert (vote.status == "pending") == bool(honeypot.strip())

    elif form == "rating":
        target = survey_selectors.rating_target_groups()[0][1][0].value
        before = Rating.objects.count()
        response = _post(client, form, "/danh-gia-hai-long/", {"target": target, "level": "4", **guard}, headers)
        assert response.status_code == 302, "a rating is stored and flagged, never refused for its guard fields"
        rating = Rating.objects.latest("created_at", "pk")
        assert Rating.objects.count() == before + 1
        assert set(expected) <= set(rating.flags.split(",")) and (rating.status == "pending") == bool(expected)

    else:  # feedback: a CSRF-protected page (never cached), plus the guard fields
        csrf_client = Client(enforce_csrf_checks=True)
        email = f"d{harness.fresh_ip()}@example.vn"
        fields = {"kind": "hoi_dap", "name": "Phạm D", "email": email, "subject": "Hỏi về thủ tục"}
        fields |= {"content": "Xin hỏi thời hạn giải quyết?", "consent": "on", **guard}
        before = Submission.objects.count()
        forged = data.draw(st.one_of(st.just(None), strategies.hostile_text(64)), label="csrf token")
        if forged is not None:
            csrf_client.cookies["csrftoken"] = re.sub(r"[^A-Za-z0-9]", "", forged) or "x"
            fields["csrfmiddlewaretoken"] = forged
        response = _post(csrf_client, form, "/phan-anh-kien-nghi/", fields, headers)
        assert response.status_code == 403 and Submission.objects.count() == before, "CSRF check bypassed"
        # With the CSRF check passed, the guard fields only route the submission to moderation.
        response = _post(Client(), form, "/phan-anh-kien-nghi/", fields, headers)
        assert response.status_code == 302
        submission = Submission.objects.latest("created_at", "pk")
        assert set(expected) <= set(submission.moderation_reasons)
        assert (submission.status == "cho_kiem_duyet") == bool(submission.moderation_reasons)
