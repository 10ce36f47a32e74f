"""The answer sets the Docker end-to-end tier runs: every database, two Python versions, both
Django releases, non-default ports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import newproj


@dataclass(frozen=True)
class Variant:
    database: str
    python: str
    django: str
    port: int
    language: str = "en"

    @property
    def id(self) -> str:
        return f"{self.database}-py{self.python}-dj{self.django}-{self.port}"

    @property
    def answers(self) -> newproj.Answers:
        return newproj.build_answers(
            {
                "project_name": f"E2E {self.database}",
                "project_slug": f"e2e_{self.database}",
                "python_version": self.python,
                "django_version": self.django,
                "port": self.port,
                "database": self.database,
                "language": self.language,
            }
        )

    @property
    def db_image(self) -> str | None:
        """The image tag of the database service, as the compose file names it."""
        answers = self.answers
        image = {"postgresql": "postgres", "mysql": "mysql", "mariadb": "mariadb"}.get(self.database)
        return f"{image}:{answers.database_version}" if image else None


VARIANTS = (
    Variant("sqlite", python="3.11", django="5.2", port=18081, language="ko"),
    Variant("postgresql", python="3.13", django="5.2", port=18082),
    Variant("mysql", python="3.13", django="6.1", port=18083),
    Variant("mariadb", python="3.11", django="5.2", port=18084, language="ko"),
)


def requirement_files(folder: Path) -> list[Path]:
    """Render each variant's lock and the lock of uv, its installer (the stand-in wheelhouses hold them)."""
    files = []
    for variant in VARIANTS:
        project = newproj.generate(variant.answers, folder / variant.id).path
        files += [project / "requirements.txt", project / "docker" / "requirements-uv.txt"]
    return files
