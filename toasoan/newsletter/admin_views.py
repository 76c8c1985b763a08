"""Admin (Vietnamese): the subscribers list (read and delete only: subscriptions are made and
changed by their owners), the digest runs, and the digest preview with "send now"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from toasoan.core import selectors as site_selectors
from toasoan.core.admin_views import AdminPageView

from . import emails, selectors, services
from .forms import PeriodForm
from .models import DigestRun
from .periods import Period, previous_week

PREVIEW_PERMISSION = "newsletter.view_digestrun"
SEND_PERMISSION = "newsletter.add_digestrun"
SEND_ACTION = "newsletter.digest.send"


class DigestPreviewView(AdminPageView):
    """The digest a subscriber of every section would get for the chosen week, and "send now"."""

    template_name = "newsletter/admin/preview.html"
    page_title = "Xem trước bản tin tuần"
    header_icon = "mail"
    permission = PREVIEW_PERMISSION

    def period(self, data) -> tuple[PeriodForm, Period]:
        default = previous_week()
        form = PeriodForm(data if "tuan" in data else {"tuan": default.start.isoformat()})
        return form, Period.week_of(form.day(default.start))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, period = self.period(self.request.GET)
        all_sections = list(selectors.sections())
        content = selectors.digest_content([s.pk for s in all_sections], period)
        mail = emails.digest(None, content, site_selectors.site_root_url())
        run = DigestRun.objects.filter(period_start=period.start).first()
        context.update(
            {
                "form": form,
                "period": period,
                "content": content,
                "mail": mail,
                "run": run,
                "sent_count": self.sent_count(period) if run else 0,
                "subscriber_count": len(selectors.confirmed_subscriber_ids()),
                "can_send": self.request.user.has_perm(SEND_PERMISSION),
                "is_future": period.end > timezone.localdate(),
            }
        )
        return context

    @staticmethod
    def sent_count(period: Period) -> int:
        from .models import Delivery

        return Delivery.objects.filter(period_start=period.start, status=Delivery.Status.SENT).count()

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm(SEND_PERMISSION):
            raise PermissionDenied
        form, period = self.period(request.POST)
        url = f"{request.path}?tuan={period.start.isoformat()}"
        if not form.is_valid():
            messages.error(request, "Ngày chưa đúng: chưa gửi bản tin nào.")
            return redirect(url)
        if period.end > timezone.localdate():
            messages.error(request, "Tuần này chưa kết thúc: chỉ gửi được bản tin của tuần đã qua.")
            return redirect(url)
        run, _ = services.digest_request(period=period, user=request.user)
        log(instance=run, action=SEND_ACTION, user=request.user, data={"period": period.label})
        messages.success(
            request,
            f"Đã đưa bản tin tuần {period.label} vào hàng đợi gửi. Người đã nhận bản tin tuần này sẽ không nhận lại.",
        )
        return redirect(url)


def preview_url() -> str:
    return reverse("newsletter_digests:preview")
