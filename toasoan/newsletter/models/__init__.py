from .archive import NewsletterIndexPage, NewsletterIssuePage
from .subscription import ConsentRecord, Delivery, DigestRun, Subscriber, SubscriberSection

__all__ = [
    "ConsentRecord",
    "Delivery",
    "DigestRun",
    "NewsletterIndexPage",
    "NewsletterIssuePage",
    "Subscriber",
    "SubscriberSection",
]
