"""web stage: the dashboard and JSON API (``create_app``); see docs/dashboard.md."""
