"""Offline stand-ins for the official python/postgres/mariadb/mysql images (see README.md)."""

from .build import ensure_images
from .smoke import smoke

__all__ = ["ensure_images", "smoke"]
