"""The Wagtail admin's "Thống kê truy cập" report: totals, most viewed pages over a period and the
30-day trend (SVG with its data table). For users whose group has "Xem thống kê truy cập"."""

from django.utils.safestring import mark_safe

from toasoan.core.admin_views import AdminPageView

from . import charts, selectors
from .models import REPORT_PERMISSION

TREND_DAYS = 30


class ReportView(AdminPageView):
    template_name = "stats/admin/report.html"
    page_title = "Thống kê truy cập"
    header_icon = "view"
    permission = REPORT_PERMISSION

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = self.request.GET.get("ky", "30")
        if period not in selectors.PERIODS:
            period = "30"
        label, days = selectors.PERIODS[period]
        trend = selectors.daily_trend(TREND_DAYS)
        context.update(
            {
                "today": selectors.today(),
                "totals": selectors.totals(),
                "period": period,
                "period_label": label,
                "periods": [(key, name) for key, (name, _) in selectors.PERIODS.items()],
                "top_pages": selectors.top_pages(days),
                "trend": list(reversed(trend)),  # the table: newest first
                "trend_svg": mark_safe(  # noqa: S308  # nosec B308 B703  # numbers and escaped text
                    charts.trend_svg(trend, f"Lượt xem và lượt truy cập {TREND_DAYS} ngày qua")
                ),
            }
        )
        return context
