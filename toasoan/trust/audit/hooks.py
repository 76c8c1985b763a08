"""Wagtail hooks of audit (imported by toasoan/trust/wagtail_hooks.py)."""
