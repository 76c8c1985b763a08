"""Audit log: every staff change recorded in Wagtail's log, filterable and exported to CSV."""
