"""Helpers for bench/search.py: metrics, query variants, data loading and engine adapters.

Independent of the project's search code on purpose (only the "ours" adapter imports it), so the
benchmark is a check on the engine rather than a restatement of it.
"""
