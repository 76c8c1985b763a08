"""What the content integrity scanner (toasoan/trust/integrity) reads of consultations: comments
made public by moderators (citizens' text, shown on the consultation page)."""

from toasoan.trust.integrity import registry

from .models import PublishedComment

registry.register(
    PublishedComment,
    queryset=lambda: PublishedComment.objects.select_related("consultation"),
    fields=("name", "organisation", "section_ref", "body"),
    url=lambda comment: comment.consultation.url or "",
)
