"""The JSON API under ``/api/v1`` (#5). Docs: docs/dashboard.md."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["api"])
