"""The server-rendered dashboard pages (#5), one module per page group. Docs: docs/dashboard.md."""

from __future__ import annotations

from fastapi import APIRouter

from tiewatch.web.pages import (
    analyses,
    apidocs,
    briefs,
    corrections,
    documents,
    events,
    overview,
)

router = APIRouter(include_in_schema=False)
for module in (overview, events, analyses, briefs, documents, corrections, apidocs):
    router.include_router(module.router)
