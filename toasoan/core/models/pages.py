from wagtail.models import Page

from toasoan.core.vietnamese import slugify


class BasePage(Page):
    """Every public page type derives from this: Vietnamese slugs and shared behaviour."""

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        # Wagtail's server-side default slug drops "đ" and leaves diacritics half-stripped;
        # derive it from the Vietnamese title instead ("Đảng" -> "dang").
        if not self.slug and self.title:
            self.slug = slugify(self.title, max_length=self._meta.get_field("slug").max_length)
        super().full_clean(*args, **kwargs)
