"""The interactive API docs (``/api/v1/docs``) from the vendored Swagger UI, not a CDN (#5).

FastAPI's built-in docs page loads Swagger UI from cdn.jsdelivr.net, which an offline
machine cannot reach; ``create_app`` turns it off (``docs_url=None``) and this route serves
the same page with the assets under ``static/vendor/swagger-ui``.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

router = APIRouter()

DOCS_PATH = "/api/v1/docs"
VENDOR = "/static/vendor/swagger-ui"


@router.get(DOCS_PATH, response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url=request.app.openapi_url or "/api/v1/openapi.json",
        title=f"{request.app.title} API",
        swagger_js_url=f"{VENDOR}/swagger-ui-bundle.js",
        swagger_css_url=f"{VENDOR}/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg",
    )
