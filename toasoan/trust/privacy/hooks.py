"""Wagtail hooks of privacy (imported by toasoan/trust/wagtail_hooks.py)."""
