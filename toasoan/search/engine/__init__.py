"""Search engines behind one interface. Pure Python: no Django imports (see base.Engine)."""

from .base import Engine, Hit, IndexDoc, SearchRequest, SearchResult

__all__ = ["Engine", "Hit", "IndexDoc", "SearchRequest", "SearchResult"]
