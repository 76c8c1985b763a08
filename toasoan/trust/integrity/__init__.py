"""Content integrity: finds injected spam (gambling links, hidden text, off-site scripts, iframes)."""
