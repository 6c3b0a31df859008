"""Absolute links for use outside the site (social previews, shared links)."""

from __future__ import annotations

from flask import current_app, url_for


def public_url(endpoint: str, **values) -> str:
    """``url_for`` as an absolute URL on PUBLIC_URL when it is set (so a forged ``Host``
    header cannot change it), else on the address the request came to (development)."""
    base = current_app.config.get("PUBLIC_URL", "")
    if base:
        return base + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)
