"""Wagtail hooks of staff (imported by toasoan/trust/wagtail_hooks.py)."""
