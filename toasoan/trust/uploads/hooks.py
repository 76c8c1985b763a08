"""Wagtail hooks of uploads (imported by toasoan/trust/wagtail_hooks.py)."""
