"""Settings for the API benchmark: the app's own settings, with the baseline view's URL added."""

from claimtracker.settings import *  # noqa: F403

ROOT_URLCONF = "bench.api_baseline"
