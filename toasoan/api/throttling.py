"""Rate limiting per reader: ninja's AnonRateThrottle, counted in the Django cache, with the
reader's address taken the way the rest of the site does (`core.abuse.client_ip`: X-Forwarded-For
only from TOASOAN_TRUSTED_PROXIES). Ninja's own get_ident trusts any X-Forwarded-For, which lets a
client pick a fresh address for every request."""

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import AnonRateThrottle

from toasoan.core.abuse import client_ip, keyed_hash

DEFAULT_RATE = "60/min"


class ClientIpThrottle(AnonRateThrottle):
    scope = "toasoan_api"

    def __init__(self) -> None:
        super().__init__(rate=DEFAULT_RATE)

    def allow_request(self, request: HttpRequest) -> bool:
        # Read the setting on every request, so operators and tests can change it without a restart.
        rate = getattr(settings, "TOASOAN_API_RATE", DEFAULT_RATE)
        if not rate:
            return True  # "" turns throttling off (e.g. behind a gateway that limits already)
        self.rate = rate
        self.num_requests, self.duration = self.parse_rate(rate)
        return super().allow_request(request)

    def get_ident(self, request: HttpRequest) -> str:
        # A keyed hash: the cache holds no readable address.
        return keyed_hash("api-throttle", client_ip(request))
