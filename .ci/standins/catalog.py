"""Which Debian release and packages back each stand-in tag."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .procs import StandinError

RECIPES_DIR = Path(__file__).resolve().parent / "recipes"
MIRROR = "http://deb.debian.org/debian"
SECURITY_MIRROR = "http://deb.debian.org/debian-security"


@dataclass(frozen=True)
class Suite:
    """A Debian release the stand-ins are built from."""

    name: str
    stable: bool  # has -updates and -security suites


SUITES: dict[str, Suite] = {
    "bookworm": Suite("bookworm", stable=True),
    "trixie": Suite("trixie", stable=True),
    "forky": Suite("forky", stable=False),
}

# python:<X.Y>-slim -> Debian release whose python<X.Y> package backs it.
PYTHON_SUITES: dict[str, str] = {
    "3.11": "bookworm",  # python3 of Debian 12
    "3.13": "trixie",  # python3 of Debian 13
    "3.14": "forky",  # python3 of Debian testing
    "3.15": "forky",  # python3.15 package of Debian testing
}
# postgres:<major> -> release shipping postgresql-<major>.
POSTGRES_SUITES: dict[str, str] = {"15": "bookworm", "17": "trixie", "18": "forky"}
FIRST_VERSIONED_PGDATA = 18  # official images keep PGDATA in /var/lib/postgresql/<major>/docker
# mariadb:<tag> -> release whose mariadb-server is that series.
MARIADB_SUITES: dict[str, str] = {
    "10.11": "bookworm",
    "11.8": "trixie",
    "11": "trixie",
    "lts": "trixie",
}
# mysql:<tag> -> release whose MariaDB stands in (Debian ships no MySQL server).
MYSQL_SUITES: dict[str, str] = {"8.4": "trixie", "8.0": "trixie", "8": "trixie", "lts": "trixie"}

# redis:<major> -> release whose redis-server is that series.
REDIS_SUITES: dict[str, str] = {"7": "bookworm", "8": "trixie"}

MYSQL_NOTE = "standing in for MySQL: Debian has no MySQL server, MariaDB speaks its protocol"


BuildKey = tuple[str, str, tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class ImageSpec:
    """One requested tag and the recipe build that provides it."""

    tag: str
    recipe: str  # directory under recipes/
    suite: str
    build_args: tuple[tuple[str, str], ...]
    note: str = ""  # appended to the image's own description

    @property
    def build_key(self) -> BuildKey:
        """Specs with the same key are one image under several tags."""
        return (self.recipe, self.suite, self.build_args)

    @property
    def recipe_dir(self) -> Path:
        """Directory holding the recipe's Dockerfile and scripts."""
        return RECIPES_DIR / self.recipe


def _lookup(table: dict[str, str], key: str, what: str) -> str:
    """table[key], or a StandinError listing what is supported."""
    try:
        return table[key]
    except KeyError:
        supported = ", ".join(sorted(table))
        raise StandinError(f"no stand-in for {what} (supported: {supported})") from None


def python_spec(version: str) -> ImageSpec:
    """The spec of python:<version>-slim, version being "X.Y"."""
    version = version.removeprefix("python:").removesuffix("-slim")
    suite = _lookup(PYTHON_SUITES, version, f"python:{version}-slim")
    return ImageSpec(
        tag=f"python:{version}-slim",
        recipe="python",
        suite=suite,
        build_args=(("PYTHON_BIN", f"python{version}"),),
    )


def postgres_layout(major: str) -> tuple[tuple[str, str], ...]:
    """PGDATA and volume of the official image: /var/lib/postgresql/<major>/docker from 18 on."""
    if int(major) >= FIRST_VERSIONED_PGDATA:
        return (("PGDATA", f"/var/lib/postgresql/{major}/docker"), ("PG_VOLUME", "/var/lib/postgresql"))
    return (("PGDATA", "/var/lib/postgresql/data"), ("PG_VOLUME", "/var/lib/postgresql/data"))


def db_spec(tag: str) -> ImageSpec:
    """The spec of a database tag such as postgres:17, mariadb:11.8 or mysql:8.4."""
    name, _, version = tag.partition(":")
    if name == "postgres":
        suite = _lookup(POSTGRES_SUITES, version, tag)
        return ImageSpec(tag, "postgres", suite, (("PG_MAJOR", version), *postgres_layout(version)))
    if name == "mariadb":
        return ImageSpec(tag, "mariadb", _lookup(MARIADB_SUITES, version, tag), ())
    if name == "mysql":
        return ImageSpec(tag, "mariadb", _lookup(MYSQL_SUITES, version, tag), (), MYSQL_NOTE)
    if name == "redis":
        return ImageSpec(tag, "redis", _lookup(REDIS_SUITES, version, tag), ())
    raise StandinError(f"no stand-in for {tag!r}: expected postgres:N, mariadb:N, mysql:N or redis:N")
