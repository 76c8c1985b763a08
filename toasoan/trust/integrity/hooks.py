"""Wagtail hooks of integrity (imported by toasoan/trust/wagtail_hooks.py)."""
