"""Comments keep a full consent record (core.consent.ConsentFields). Comments sent before it
existed get the consent label the form showed then and an unknown policy version."""

from django.db import migrations, models

# The form's consent label when only the time was stored (the text is unchanged since).
EARLIER_TEXT = (
    "Tôi đồng ý để cơ quan xử lý họ tên, cơ quan và thư điện tử của tôi nhằm tiếp nhận, tổng hợp và phản hồi "
    "góp ý, theo chính sách bảo vệ dữ liệu cá nhân"
)
UNKNOWN_VERSION = "không rõ (ghi nhận trước khi lưu phiên bản chính sách)"


def backfill(apps, schema_editor):
    Comment = apps.get_model("consultation", "Comment")
    Comment.objects.filter(consent_text="").update(consent_text=EARLIER_TEXT, consent_policy_version=UNKNOWN_VERSION)


class Migration(migrations.Migration):
    dependencies = [("consultation", "0002_moderator_group")]

    operations = [
        migrations.AlterField(
            model_name="comment", name="consent_at", field=models.DateTimeField(verbose_name="thời điểm đồng ý")
        ),
        migrations.AddField(
            model_name="comment",
            name="consent_text",
            field=models.TextField(default="", verbose_name="nội dung đồng ý"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="comment",
            name="consent_policy_url",
            field=models.CharField(blank=True, max_length=500, verbose_name="địa chỉ chính sách"),
        ),
        migrations.AddField(
            model_name="comment",
            name="consent_policy_version",
            field=models.CharField(blank=True, max_length=100, verbose_name="phiên bản chính sách"),
        ),
        migrations.AddField(
            model_name="comment",
            name="consent_source",
            field=models.CharField(blank=True, max_length=300, verbose_name="biểu mẫu thu thập"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
