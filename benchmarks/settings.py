"""Settings of the HTTP benchmark's Django server: production settings, plus the DRF baselines' routes."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
