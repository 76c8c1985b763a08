"""What the content integrity scanner (toasoan/trust/integrity) reads of feedback: the public Q&A,
whose question comes from a citizen and whose answer is written by staff."""

from toasoan.trust.integrity import registry

from .models import PublishedQuestion

registry.register(
    PublishedQuestion,
    queryset=lambda: PublishedQuestion.objects.filter(is_public=True),
    fields=("subject", "question", "answer"),
)
