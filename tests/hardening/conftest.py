"""Hardening tests (#7): the hypothesis profile every fuzz test here runs under.

Derandomized and without an example database, so CI and a laptop try the same inputs and a
failure reproduces; few examples, so each fuzz test runs in seconds.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "hardening",
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
