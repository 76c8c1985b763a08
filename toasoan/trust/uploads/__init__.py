"""Uploads: file types allowed by content, size limits, images re-encoded, safe serving."""
