"""Templates and the response headers every page carries (#5).

Jinja2 with autoescape on for ``.html.j2``: document text reaches a page only as escaped text
or as ``highlight.highlight_text``'s Markup (itself escaped). The Content-Security-Policy
allows scripts, styles and images from this server only, with no inline script or style:
chart data travels in ``<script type="application/json">`` blocks that ``static/js`` reads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from tiewatch.errors import QueryError
from tiewatch.web.deps import get_context

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS: Mapping[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

NAV = (
    ("overview", "Overview", "/"),
    ("events", "Events", "/events"),
    ("storylines", "Storylines", "/storylines"),
    ("claims", "Claims", "/claims"),
    ("indicators", "Indicators", "/indicators"),
    ("briefs", "Briefs", "/briefs"),
    ("corrections", "Corrections", "/corrections"),
)


@lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("tiewatch.web", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["safe_url"] = safe_url
    environment.filters["query"] = query_string
    return Jinja2Templates(env=environment)


def render(
    request: Request, name: str, *, page: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """``templates/<name>`` inside the layout, with the security headers."""
    web = get_context(request)
    context |= {
        "nav": NAV,
        "page": page,
        "watchlist": web.watchlist_name,
        "writes_enabled": web.token is not None,
    }
    response = templates().TemplateResponse(request, name, context, status_code=status_code)
    response.headers.update(SECURITY_HEADERS)
    return response


_MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")


def checked_month(month: str) -> str:
    """``month`` stripped when it is ``YYYY-MM``; raises QueryError otherwise (as the API's
    pattern does, before the views see it)."""
    month = month.strip()
    if not _MONTH.match(month):
        raise QueryError(f"give the month as YYYY-MM, not {month[:20]!r}")
    return month


def safe_url(url: str | None) -> str | None:
    """``url`` when it is http(s), else None: a stored ``javascript:`` URL is never a link."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in {"http", "https"} else None


def query_string(params: Mapping[str, Any], **changes: Any) -> str:
    """``params`` with ``changes`` applied, as ``?a=1&b=2`` (empty values dropped)."""
    merged = {**params, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else "?"


def not_found_page(request: Request, message: str) -> HTMLResponse:
    """An HTML 404 in the layout (the API's 404s stay JSON)."""
    return render(
        request, "not_found.html.j2", page="", status_code=404, title="Not found", message=message
    )
