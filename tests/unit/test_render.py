"""Rendering: where ``generate`` writes, what it refuses, what it leaves behind on failure."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

import newproj
import pytest
from newproj import model
from newproj.errors import ExitCode, RenderError, TargetExistsError, UsageError
from newproj.model import build_answers, files_to_remove
from newproj.render import generate, plan
from newproj.templates import django_template


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every path under ``root`` with its bytes (None for folders)."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None)
        for p in sorted(root.rglob("*"))
    }


def files_on_disk(root: Path) -> tuple[str, ...]:
    return tuple(sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()))


def env_values(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def no_staging_left(folder: Path) -> bool:
    return not list(folder.glob(".newproj-*"))


EXPECTED_FILES = {
    ".cruft.json",
    ".dockerignore",
    ".env",
    ".env.example",
    ".gitignore",
    "Dockerfile",
    "README.md",
    "docker-compose.yml",
    "docker/entrypoint.sh",
    "manage.py",
    "pages/__init__.py",
    "pages/apps.py",
    "pages/templates/pages/home.html",
    "pages/tests.py",
    "pages/urls.py",
    "pages/views.py",
    "pyproject.toml",
    "requirements.txt",
    "shop/__init__.py",
    "shop/asgi.py",
    "shop/settings/__init__.py",
    "shop/settings/base.py",
    "shop/settings/development.py",
    "shop/settings/production.py",
    "shop/urls.py",
    "shop/wsgi.py",
}


# --- where it writes ------------------------------------------------------------------------


def test_generate_into_a_missing_folder_creates_its_parents(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "shop"
    result = generate(build_answers({"project_name": "Shop"}), target)
    assert result.path == target
    assert result.kept == ()
    assert set(result.files) == EXPECTED_FILES
    assert result.files == files_on_disk(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]
    assert no_staging_left(target.parent)


def test_generate_accepts_a_relative_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = generate(build_answers({"project_name": "Shop"}), "shop")
    assert result.path == tmp_path / "shop"
    assert result.path.is_absolute()
    assert (tmp_path / "shop" / "manage.py").is_file()


def test_generate_into_an_empty_folder(tmp_path: Path) -> None:
    target = tmp_path / "shop"
    target.mkdir()
    result = generate(build_answers({"project_name": "Shop"}), target)
    assert set(files_on_disk(target)) == EXPECTED_FILES == set(result.files)
    assert no_staging_left(tmp_path)


def test_non_empty_folder_is_refused_and_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "shop"
    (target / "pages").mkdir(parents=True)
    (target / "manage.py").write_text("mine\n")
    (target / "pages" / "views.py").write_text("also mine\n")
    before = snapshot(tmp_path)
    with pytest.raises(TargetExistsError) as info:
        generate(build_answers({"project_name": "Shop"}), target)
    assert info.value.message() == (
        f"{target} exists and is not empty; choose another folder or pass --force to write into it"
    )
    assert info.value.exit_code == ExitCode.TARGET_EXISTS == 3
    assert snapshot(tmp_path) == before


def test_a_hidden_file_alone_makes_a_folder_non_empty(tmp_path: Path) -> None:
    target = tmp_path / "shop"
    target.mkdir()
    (target / ".git").mkdir()
    with pytest.raises(TargetExistsError):
        generate(build_answers({"project_name": "Shop"}), target)


def test_a_file_as_target_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "shop"
    target.write_text("a file\n")
    with pytest.raises(UsageError) as info:
        generate(build_answers({"project_name": "Shop"}), target)
    assert info.value.message() == f"{target} exists and is not a folder; choose another path"
    assert info.value.exit_code == ExitCode.USAGE
    assert target.read_text() == "a file\n"
    assert no_staging_left(tmp_path)


# --- --force ---------------------------------------------------------------------------------


def test_force_overwrites_template_files_deletes_nothing_and_keeps_env(tmp_path: Path) -> None:
    target = tmp_path / "shop"
    (target / "pages").mkdir(parents=True)
    (target / "docker" / "db").mkdir(parents=True)
    (target / "manage.py").write_text("old manage\n")
    (target / "pages" / "models.py").write_text("class Mine: ...\n")
    (target / "notes.txt").write_text("keep me\n")
    (target / ".env").write_text("DJANGO_SECRET_KEY=old-secret\n")
    (target / "docker" / "db" / "mysql-init.sql").write_text("-- from an earlier mariadb project\n")

    result = generate(build_answers({"project_name": "Shop", "database": "postgresql"}), target, force=True)

    assert result.kept == (".env",)
    assert (target / ".env").read_text() == "DJANGO_SECRET_KEY=old-secret\n"
    assert (target / "notes.txt").read_text() == "keep me\n"
    assert (target / "pages" / "models.py").read_text() == "class Mine: ...\n"
    assert (target / "docker" / "db" / "mysql-init.sql").read_text() == "-- from an earlier mariadb project\n"
    assert (target / "manage.py").read_text() != "old manage\n"
    assert "shop.settings.development" in (target / "manage.py").read_text()
    assert set(files_on_disk(target)) == EXPECTED_FILES | {
        "notes.txt",
        "pages/models.py",
        "docker/db/mysql-init.sql",
    }
    assert no_staging_left(tmp_path)


def test_force_writes_env_when_there_is_none(tmp_path: Path) -> None:
    target = tmp_path / "shop"
    target.mkdir()
    (target / "notes.txt").write_text("keep me\n")
    result = generate(build_answers({"project_name": "Shop"}), target, force=True)
    assert result.kept == ()
    assert "DJANGO_SECRET_KEY" in env_values(target / ".env")


def test_force_on_a_missing_folder_is_a_plain_generation(tmp_path: Path) -> None:
    result = generate(build_answers({"project_name": "Shop"}), tmp_path / "shop", force=True)
    assert set(result.files) == EXPECTED_FILES


# --- failures leave nothing behind -----------------------------------------------------------


def _failing_generate_files(exception: BaseException):
    def fail(*, output_dir: str, **_kwargs: object) -> str:
        partial = Path(output_dir) / "shop"
        partial.mkdir()
        (partial / "half-written.py").write_text("x = ")
        raise exception

    return fail


@pytest.mark.parametrize(
    "exception",
    [
        pytest.param("undefined", id="render-error"),
        pytest.param(KeyboardInterrupt(), id="ctrl-c"),
        pytest.param(OSError(28, "No space left on device"), id="disk-full"),
    ],
)
def test_failure_during_render_leaves_no_staging_and_no_created_parents(
    exception: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cookiecutter import generate as cookiecutter_generate
    from cookiecutter.exceptions import UndefinedVariableInTemplate
    from jinja2 import UndefinedError

    if exception == "undefined":
        exception = UndefinedVariableInTemplate(
            "Unable to create file 'x'", UndefinedError("'nope' is undefined"), {}
        )
    assert isinstance(exception, BaseException)
    monkeypatch.setattr(cookiecutter_generate, "generate_files", _failing_generate_files(exception))
    target = tmp_path / "a" / "b" / "shop"
    with pytest.raises((RenderError, KeyboardInterrupt, OSError, UsageError)) as info:
        generate(build_answers({"project_name": "Shop"}), target)
    if isinstance(info.value, RenderError):
        assert info.value.message() == (
            "the template failed to render: Unable to create file 'x': 'nope' is undefined; "
            "please report this with --debug output"
        )
    assert list(tmp_path.iterdir()) == []


def test_write_error_during_render_is_a_newproj_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cookiecutter import generate as cookiecutter_generate

    monkeypatch.setattr(
        cookiecutter_generate,
        "generate_files",
        _failing_generate_files(OSError(28, "No space left on device")),
    )
    with pytest.raises(newproj.NewprojError) as info:
        generate(build_answers({"project_name": "Shop"}), tmp_path / "shop")
    message = info.value.message()
    assert message.startswith("could not write ") and message.endswith(
        ": No space left on device; check the folder's permissions and free space"
    ), message
    assert list(tmp_path.iterdir()) == []


def test_failure_into_an_existing_empty_folder_keeps_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cookiecutter import generate as cookiecutter_generate

    monkeypatch.setattr(cookiecutter_generate, "generate_files", _failing_generate_files(KeyboardInterrupt()))
    target = tmp_path / "shop"
    target.mkdir()
    with pytest.raises(KeyboardInterrupt):
        generate(build_answers({"project_name": "Shop"}), target)
    assert [p.name for p in tmp_path.iterdir()] == ["shop"]
    assert list(target.iterdir()) == []


def test_rendering_is_strict_and_errors_do_not_dump_the_context(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An undefined variable in a real template file is an error, reworded without the context."""
    import newproj.render

    broken = tmp_path / "template"
    shutil.copytree(django_template(), broken)
    (broken / "{{cookiecutter.project_slug}}" / "bad.txt").write_text("{{ cookiecutter.nope }}\n")
    monkeypatch.setattr(newproj.render, "django_template", lambda: broken)
    target = tmp_path / "out" / "shop"
    with pytest.raises(RenderError) as info:
        generate(build_answers({"project_name": "Shop"}), target)
    assert info.value.message() == (
        "the template failed to render: Unable to create file 'bad.txt': 'dict object' has no attribute 'nope'; "
        "please report this with --debug output"
    )
    assert "project_name" not in info.value.message()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["template"]


# --- plan --------------------------------------------------------------------------------------


@pytest.mark.parametrize("database", ["sqlite", "postgresql", "mysql", "mariadb"])
def test_plan_lists_what_generate_writes_and_writes_nothing(
    database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.chdir(tmp_path)
    answers = build_answers({"project_name": "Shop", "database": database})
    planned = plan(answers)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tmp"]
    assert list(scratch.iterdir()) == []
    result = generate(answers, tmp_path / "out")
    assert planned == result.files == files_on_disk(tmp_path / "out")


# --- secrets, .cruft.json, pruning ---------------------------------------------------------------


def test_env_secrets_are_fresh_for_every_project(generated, tmp_path: Path) -> None:
    first = env_values(generated(tmp_path / "one", project_name="Shop", database="mariadb") / ".env")
    second = env_values(generated(tmp_path / "two", project_name="Shop", database="mariadb") / ".env")
    secrets = ("DJANGO_SECRET_KEY", "MARIADB_PASSWORD", "MARIADB_ROOT_PASSWORD")
    for name in secrets:
        assert first[name] != second[name], name
    assert len(first["DJANGO_SECRET_KEY"]) >= 50
    assert len(set(first["DJANGO_SECRET_KEY"])) >= 5
    assert not first["DJANGO_SECRET_KEY"].startswith("django-insecure-")
    assert len(first["MARIADB_PASSWORD"]) >= 20
    assert first["MARIADB_PASSWORD"] != first["MARIADB_ROOT_PASSWORD"]
    assert first["DATABASE_URL"] == f"mysql://shop:{first['MARIADB_PASSWORD']}@db:3306/shop"


def test_env_example_holds_no_real_secret(generated) -> None:
    project = generated(project_name="Shop", database="postgresql")
    secrets = env_values(project / ".env")
    example = (project / ".env.example").read_text(encoding="utf-8")
    for name in ("DJANGO_SECRET_KEY", "POSTGRES_PASSWORD"):
        assert secrets[name] not in example
    assert set(env_values(project / ".env.example")) == set(secrets)
    assert secrets["DATABASE_URL"] == f"postgres://shop:{secrets['POSTGRES_PASSWORD']}@db:5432/shop"


def test_no_secret_reaches_the_image_or_git(generated) -> None:
    project = generated(project_name="Shop")
    ignored_by_docker = (project / ".dockerignore").read_text().splitlines()
    ignored_by_git = (project / ".gitignore").read_text().splitlines()
    assert ".env" in ignored_by_docker and ".env" in ignored_by_git
    secret = env_values(project / ".env")["DJANGO_SECRET_KEY"]
    for path in project.rglob("*"):
        if path.is_file() and path.name != ".env":
            assert secret not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("database", ["sqlite", "postgresql", "mysql", "mariadb"])
def test_cruft_json_records_the_answers(database: str, generated) -> None:
    values = {"project_name": "Shop", "database": database, "port": "8123", "language": "ko"}
    answers = build_answers(values)
    record = json.loads((generated(**values) / ".cruft.json").read_text(encoding="utf-8"))
    assert record == {
        "template": "newproj:django",
        "commit": None,
        "checkout": None,
        "context": {"cookiecutter": {**answers.to_context(), "_template": "newproj:django"}},
        "directory": "templates/django",
        "template_version": model.TEMPLATE_VERSION,
    }
    assert record["context"]["cookiecutter"]["port"] == 8123


@pytest.mark.parametrize(
    ("database", "removed"),
    [
        ("sqlite", ["docker/db/mysql-init.sql"]),
        ("postgresql", ["docker/db/mysql-init.sql"]),
        ("mysql", []),
        ("mariadb", []),
    ],
)
def test_files_to_remove(database: str, removed: list[str]) -> None:
    assert files_to_remove(build_answers({"database": database}).to_context()) == removed


@pytest.mark.parametrize("database", ["sqlite", "postgresql", "mysql", "mariadb"])
def test_pruned_files_are_gone_and_leave_no_empty_folder(database: str, generated) -> None:
    project = generated(project_name="Shop", database=database)
    mysql_like = database in ("mysql", "mariadb")
    assert (project / "docker" / "db" / "mysql-init.sql").is_file() is mysql_like
    assert (project / "docker" / "db").is_dir() is mysql_like
    assert (project / "docker" / "entrypoint.sh").is_file()
    empty = [p for p in project.rglob("*") if p.is_dir() and not any(p.iterdir())]
    assert empty == []


def test_mysql_init_grants_the_test_database(generated) -> None:
    project = generated(project_name="Shop", database="mariadb")
    assert "GRANT ALL PRIVILEGES ON `test_shop`.* TO 'shop'@'%';" in (
        project / "docker" / "db" / "mysql-init.sql"
    ).read_text(encoding="utf-8")


def test_public_api() -> None:
    assert {"generate", "plan", "build_answers", "Answers", "GenerationResult", "NewprojError"} <= set(
        newproj.__all__
    )
    assert newproj.generate is generate and newproj.plan is plan


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('Say "hi" \\ to TOML', id="quotes-backslash"),
        pytest.param("한국어 설명 (café)", id="non-ascii"),
        pytest.param("Launch 🚀 today", id="emoji"),
    ],
)
def test_pyproject_toml_holds_any_printable_description_and_author(text: str, generated) -> None:
    tomllib = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli")
    project = generated(project_name="Shop", description=text, author=text)
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["description"] == text
    assert pyproject["project"]["authors"] == [{"name": text}]
