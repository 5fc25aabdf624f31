"""Settings for a developer's machine and the quickstart: debug on, SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
CLAIMTRACK_ANONYMOUS_READ = env_bool("CLAIMTRACK_ANONYMOUS_READ", True)
