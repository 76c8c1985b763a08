"""Wagtail hooks of uploads (imported by toasoan/trust/wagtail_hooks.py). Documents are served by
serving.serve_document, routed in toasoan/urls.py: a before_serve_document hook cannot return the
streaming response a file needs."""
