"""The server-rendered dashboard pages (#5), one module per page group. Docs: docs/dashboard.md."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(include_in_schema=False)
