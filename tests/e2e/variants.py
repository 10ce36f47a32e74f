"""The answer sets the Docker end-to-end tier runs.

``VARIANTS`` get the whole battery (every database, both Django releases, both languages).
``WORKER_VARIANTS`` add the worker feature (Redis, Celery worker and beat) with a server database
and with SQLite.
``PYTHON_VARIANTS`` add each other Python that Debian ships (forky's 3.14 and 3.15) at the
cost of a build, ``up``, ``/health/`` and the project's own tests. Ports are not part of a
variant: each run picks a free, non-default one (``ports.reserve``) and renders with it.
The image of ``newproj serve`` (``deploy/serve``) is built too, so its requirements join the
wheelhouse of the Python it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import newproj
import tomllib
from newproj.answers.features import FEATURES_BY_ID, with_requirements

#: Any non-default port renders the same requirements; used where the port does not matter.
RENDER_PORT = 18080
#: The Redis image of the template's compose file.
REDIS_IMAGE = "redis:8"


@dataclass(frozen=True)
class Variant:
    database: str
    python: str
    django: str
    language: str = "en"
    #: The folder the project is generated in (default: its package name, as ``newproj init`` does).
    folder: str = ""
    #: Features turned on besides the defaults (with what they require).
    features: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        in_folder = "-in-a-korean-folder" if self.folder else ""
        extra = "".join(f"-{feature}" for feature in self.features)
        return f"{self.database}-py{self.python}-dj{self.django}-{self.language}{extra}{in_folder}"

    def answers(self, port: int) -> newproj.Answers:
        """The variant's answers with ``port`` as the project's port."""
        return newproj.build_answers(
            {
                "project_name": f"E2E {self.database}",
                "project_slug": f"e2e_{self.database}",
                "python_version": self.python,
                "django_version": self.django,
                "port": port,
                "database": self.database,
                "language": self.language,
                **{FEATURES_BY_ID[f].key: True for f in with_requirements(set(self.features))},
            }
        )

    @property
    def db_image(self) -> str | None:
        """The image tag of the database service, as the compose file names it."""
        answers = self.answers(RENDER_PORT)
        image = {"postgresql": "postgres", "mysql": "mysql", "mariadb": "mariadb"}.get(self.database)
        return f"{image}:{answers.database_version}" if image else None

    @property
    def images(self) -> tuple[str, ...]:
        """Every image its compose file pulls: the database's, and Redis's with the Redis feature."""
        answers = self.answers(RENDER_PORT)
        return tuple(filter(None, (self.db_image, REDIS_IMAGE if answers.use_redis else None)))


VARIANTS = (
    Variant("sqlite", python="3.11", django="5.2", language="ko"),
    Variant("postgresql", python="3.13", django="5.2"),
    Variant("mysql", python="3.13", django="6.1"),
    Variant("mariadb", python="3.11", django="5.2", language="ko"),
)
PYTHON_VARIANTS = (
    Variant("postgresql", python="3.14", django="6.1"),
    Variant("sqlite", python="3.15", django="6.1", language="ko"),
)
WORKER_VARIANTS = (
    Variant("postgresql", python="3.13", django="5.2", features=("worker",)),
    Variant("sqlite", python="3.11", django="5.2", language="ko", features=("worker",)),
)
ALL_VARIANTS = VARIANTS + PYTHON_VARIANTS + WORKER_VARIANTS
#: A folder named as a Korean team names it: no ASCII letter or digit, so Compose cannot name the project
#: after it. The answers are those of ``VARIANTS[0]`` (same image, same stand-ins), only the folder differs.
FOLDER_VARIANTS = (Variant("sqlite", python="3.11", django="5.2", language="ko", folder="팀 프로젝트"),)


def requirement_files(folder: Path) -> dict[str, list[Path]]:
    """Each variant's requirements.txt, rendered, by Python version (the stand-in wheelhouse
    of python:X.Y-slim is built from X.Y's files only)."""
    files: dict[str, list[Path]] = {}
    for variant in ALL_VARIANTS:
        project = newproj.generate(variant.answers(RENDER_PORT), folder / variant.id).path
        # The lock, and the lock of uv, its installer: the wheelhouse holds both.
        files.setdefault(variant.python, []).extend(
            [project / "requirements.txt", project / "docker" / "requirements-uv.txt"]
        )
    return files


ROOT = Path(__file__).resolve().parents[2]
SERVE_DOCKERFILE = ROOT / "deploy" / "serve" / "Dockerfile"


def serve_python() -> str:
    """The Python of the service's image: the default of its Dockerfile's ``PYTHON_VERSION``."""
    match = re.search(r"^ARG PYTHON_VERSION=(\S+)$", SERVE_DOCKERFILE.read_text(encoding="utf-8"), re.M)
    if match is None:
        raise RuntimeError(f"{SERVE_DOCKERFILE} has no `ARG PYTHON_VERSION=X.Y` line")
    return match.group(1)


def serve_requirements(folder: Path) -> Path:
    """What the service's ``pip install ".[web]"`` asks an index for, as a requirements file in
    ``folder``: the build backend (pip installs it in an isolated build environment), the
    package's dependencies and those of its ``web`` extra. Read from pyproject.toml, so the
    wheelhouse follows the package and there is no second list to keep in step."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    lines = [
        *project["build-system"]["requires"],
        *project["project"]["dependencies"],
        *project["project"]["optional-dependencies"]["web"],
    ]
    path = folder / "serve-requirements.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def standin_request(folder: Path) -> tuple[list[str], list[str], dict[str, list[Path]]]:
    """What ``standins.build.ensure_images`` needs for every variant and for the service's image:
    the Python versions, the database tags and the requirement files (rendered into ``folder``)
    by Python version."""
    files = requirement_files(folder)
    files.setdefault(serve_python(), []).append(serve_requirements(folder))
    pythons = sorted({variant.python for variant in ALL_VARIANTS} | {serve_python()})
    databases = sorted({tag for variant in ALL_VARIANTS for tag in variant.images})
    return pythons, databases, files
