"""Wagtail discovers one wagtail_hooks module per app: trust's areas keep their hooks beside
their code."""

from .audit import hooks as audit_hooks  # noqa: F401
from .integrity import hooks as integrity_hooks  # noqa: F401
from .privacy import hooks as privacy_hooks  # noqa: F401
from .staff import hooks as staff_hooks  # noqa: F401
from .uploads import hooks as uploads_hooks  # noqa: F401
