"""Rendering: where ``generate`` writes, what it refuses, what it leaves behind on failure."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import newproj
import pytest
import tomllib
from newproj.answers import TEMPLATE_VERSION, build_answers, files_to_remove
from newproj.errors import CannotWrite, ExitCode, RenderError, TargetExistsError, UsageError
from newproj.project.private import DEV_VALUES
from newproj.render.place import generate, plan
from newproj.render.templates import django_template


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
    ".devcontainer/devcontainer.json",
    ".dockerignore",
    ".editorconfig",
    ".env.example",
    ".gitattributes",
    ".github/dependabot.yml",
    ".github/workflows/ci.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "Dockerfile",
    "README.md",
    "accounts/__init__.py",
    "accounts/admin.py",
    "accounts/apps.py",
    "accounts/migrations/0001_initial.py",
    "accounts/migrations/__init__.py",
    "accounts/models.py",
    "accounts/tests.py",
    "docker-compose.yml",
    "docker/dev.env",
    "docker/entrypoint.sh",
    "docker/healthcheck.py",
    "docker/lock.py",
    "docker/requirements-uv.txt",
    "manage.py",
    "pages/__init__.py",
    "pages/apps.py",
    "pages/context_processors.py",
    "pages/templates/pages/home.html",
    "pages/tests.py",
    "pages/urls.py",
    "pages/views.py",
    "pyproject.toml",
    "requirements.in",
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
    """(.env is no longer rendered: a --force run leaves a personal one alone.)"""
    target = tmp_path / "shop"
    (target / "pages").mkdir(parents=True)
    (target / "docker" / "db").mkdir(parents=True)
    (target / "manage.py").write_text("old manage\n")
    (target / "pages" / "models.py").write_text("class Mine: ...\n")
    (target / "notes.txt").write_text("keep me\n")
    (target / ".env").write_text("DJANGO_SECRET_KEY=old-secret\n")
    (target / "docker" / "db" / "mysql-init.sql").write_text("-- from an earlier mariadb project\n")

    result = generate(build_answers({"project_name": "Shop", "database": "postgresql"}), target, force=True)

    assert result.kept == ()
    assert (target / ".env").read_text() == "DJANGO_SECRET_KEY=old-secret\n"
    assert (target / "notes.txt").read_text() == "keep me\n"
    assert (target / "pages" / "models.py").read_text() == "class Mine: ...\n"
    assert (target / "docker" / "db" / "mysql-init.sql").read_text() == "-- from an earlier mariadb project\n"
    assert (target / "manage.py").read_text() != "old manage\n"
    assert "shop.settings.development" in (target / "manage.py").read_text()
    assert set(files_on_disk(target)) == EXPECTED_FILES | {
        ".env",
        "notes.txt",
        "pages/models.py",
        "docker/db/mysql-init.sql",
    }
    assert no_staging_left(tmp_path)


def dev_values(project: Path) -> dict[str, str]:
    context = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))["context"]["cookiecutter"]
    return {key: context[key] for key in DEV_VALUES}


def test_force_keeps_the_recorded_development_values(generated, tmp_path: Path) -> None:
    """A new password in docker-compose.yml would lock the project out of its database volume."""
    target = generated(tmp_path / "shop", project_name="Shop", database="postgresql")
    before = dev_values(target)
    compose = (target / "docker-compose.yml").read_text(encoding="utf-8")
    generate(build_answers({"project_name": "Shop", "database": "postgresql"}), target, force=True)
    assert dev_values(target) == before
    assert (target / "docker-compose.yml").read_text(encoding="utf-8") == compose


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


def _undefined_variable() -> BaseException:
    from cookiecutter.exceptions import UndefinedVariableInTemplate
    from jinja2 import UndefinedError

    return UndefinedVariableInTemplate("Unable to create file 'x'", UndefinedError("'nope' is undefined"), {})


@pytest.mark.parametrize(
    ("exception", "expected", "code", "message"),
    [
        pytest.param(
            _undefined_variable,
            RenderError,
            ExitCode.UNEXPECTED,
            "the template failed to render: Unable to create file 'x': 'nope' is undefined; "
            "please report this with --debug output",
            id="render-error",
        ),
        pytest.param(KeyboardInterrupt, KeyboardInterrupt, None, "", id="ctrl-c"),
        pytest.param(
            lambda: OSError(28, "No space left on device"),
            CannotWrite,
            ExitCode.CANNOT_WRITE,
            "could not write {target}: No space left on device; check the folder's permissions and free space",
            id="disk-full",
        ),
    ],
)
def test_failure_during_render_leaves_no_staging_and_no_created_parents(
    exception: Callable[[], BaseException],
    expected: type[BaseException],
    code: ExitCode | None,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cookiecutter import generate as cookiecutter_generate

    monkeypatch.setattr(cookiecutter_generate, "generate_files", _failing_generate_files(exception()))
    target = tmp_path / "a" / "b" / "shop"
    with pytest.raises(expected) as info:
        generate(build_answers({"project_name": "Shop"}), target)
    assert type(info.value) is expected
    if code is not None:
        assert isinstance(info.value, newproj.NewprojError)
        assert info.value.exit_code == code
        assert info.value.message() == message.format(target=target)
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
    with pytest.raises(CannotWrite) as info:
        generate(build_answers({"project_name": "Shop"}), tmp_path / "shop")
    assert info.value.message() == (
        f"could not write {tmp_path / 'shop'}: No space left on device; check the folder's permissions and free space"
    )
    assert info.value.exit_code == ExitCode.CANNOT_WRITE == 6
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
    import newproj.render.place

    broken = tmp_path / "template"
    shutil.copytree(django_template(), broken)
    (broken / "{{cookiecutter.project_slug}}" / "bad.txt").write_text("{{ cookiecutter.nope }}\n")
    monkeypatch.setattr(newproj.render.place, "django_template", lambda: broken)
    target = tmp_path / "out" / "shop"
    with pytest.raises(RenderError) as info:
        generate(build_answers({"project_name": "Shop"}), target)
    assert info.value.message() == (
        "the template failed to render: Unable to create file 'bad.txt': 'dict object' has no attribute 'nope'; "
        "please report this with --debug output"
    )
    assert "project_name" not in info.value.message()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["template"]


# --- names the file system cannot hold: refused before anything is made -----------------------


@pytest.mark.parametrize(
    ("parts", "key", "name", "length"),
    [
        pytest.param(["x" * 256], "name", "xxxxxxxxxxxxxxxxxxxx…", 256, id="ascii-256"),
        pytest.param(["가" * 86], "name", "가" * 20 + "…", 258, id="hangul-258-bytes"),
        pytest.param(["a", "y" * 300, "shop"], "name", "y" * 20 + "…", 300, id="a-parent-too-long"),
        pytest.param(["z" * 250] * 17, "path", None, None, id="whole-path-too-long"),
    ],
)
def test_a_name_the_file_system_cannot_hold_is_a_usage_error(
    parts: list[str], key: str, name: str | None, length: int | None, tmp_path: Path
) -> None:
    target = tmp_path.joinpath(*parts)
    with pytest.raises(UsageError) as info:
        generate(build_answers({"project_name": "Shop"}), target)
    assert info.value.exit_code == ExitCode.USAGE == 2
    if key == "name":
        assert info.value.message() == (
            f"the name {name} is {length} bytes long, more than this file system allows (255); choose a shorter name"
        )
    else:
        length = len(str(target).encode())
        assert info.value.message() == (
            f"the path {str(target)[:20]}… is {length} bytes long, more than this system allows (4096); "
            "choose a shorter path"
        )
    assert info.value.message("ko").endswith(
        "더 짧은 이름을 고르세요" if key == "name" else "더 짧은 경로를 고르세요"
    )
    assert list(tmp_path.iterdir()) == []


def test_the_longest_name_the_file_system_holds_is_accepted(tmp_path: Path) -> None:
    target = tmp_path / ("x" * 255)
    assert generate(build_answers({"project_name": "Shop"}), target).path == target
    assert (target / "manage.py").is_file()


# --- the target folder is never deleted or renamed (item 4) ------------------------------------


def _refuse_touching(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make removing or renaming ``target`` itself fail as on a mount point (EBUSY)."""
    import errno
    import os

    real_rmdir, real_rename = os.rmdir, os.rename

    def rmdir(path: object, *args: object, **kwargs: object) -> None:
        if Path(str(path)) == target:
            raise OSError(errno.EBUSY, "Device or resource busy", str(path))
        real_rmdir(path, *args, **kwargs)

    def rename(src: object, dst: object, *args: object, **kwargs: object) -> None:
        if target in (Path(str(src)), Path(str(dst))):
            raise OSError(errno.EBUSY, "Device or resource busy", str(src))
        real_rename(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "rmdir", rmdir)
    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(os, "replace", rename)


def test_an_empty_target_is_filled_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "shop"
    target.mkdir()
    _refuse_touching(target, monkeypatch)
    result = generate(build_answers({"project_name": "Shop"}), target)
    assert set(files_on_disk(target)) == EXPECTED_FILES == set(result.files)
    assert [p.name for p in tmp_path.iterdir()] == ["shop"]
    assert no_staging_left(target)


def _fail_on_rename(number: int, exception: BaseException, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make the ``number``-th ``os.rename`` raise ``exception``; returns the renames made, as a log."""
    import os

    real_rename = os.rename
    log: list[str] = []

    def rename(src: object, dst: object) -> None:
        log.append(f"{src} -> {dst}")
        if len(log) == number:
            raise exception
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    return log


@pytest.mark.parametrize("number", [1, 2, 3, 10, 26])
def test_a_move_failing_into_an_empty_target_leaves_it_empty(
    number: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "shop"
    target.mkdir()
    _fail_on_rename(number, OSError(28, "No space left on device"), monkeypatch)
    with pytest.raises(CannotWrite) as info:
        generate(build_answers({"project_name": "Shop"}), target)
    assert info.value.message() == (
        f"could not write {target}: No space left on device; check the folder's permissions and free space"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["shop"]
    assert list(target.iterdir()) == []


def test_the_rename_of_a_new_target_failing_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a" / "shop"
    log = _fail_on_rename(1, OSError(18, "Invalid cross-device link"), monkeypatch)
    with pytest.raises(CannotWrite) as info:
        generate(build_answers({"project_name": "Shop"}), target)
    assert info.value.message() == (
        f"could not write {target}: Invalid cross-device link; check the folder's permissions and free space"
    )
    staged = re.escape(f"{tmp_path / 'a'}/.newproj-") + r"\w+/shop -> " + re.escape(str(target))
    assert len(log) == 1 and re.fullmatch(staged, log[0]), log  # one rename: all at once
    assert list(tmp_path.iterdir()) == []


# --- --force is all or nothing (item 7) ---------------------------------------------------------


def _existing_project(target: Path) -> dict[str, bytes | None]:
    generate(build_answers({"project_name": "Shop", "database": "mariadb"}), target)
    (target / "manage.py").write_text("# my edit\n")
    (target / "pages" / "views.py").write_text("# my view\n")
    (target / "notes.txt").write_text("keep me\n")
    return snapshot(target)


def test_force_renames_each_replaced_file_aside_then_into_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "shop"
    _existing_project(target)
    log = _fail_on_rename(0, OSError(), monkeypatch)
    generate(build_answers({"project_name": "Shop", "database": "postgresql"}), target, force=True)
    # every template file replaces one (.env is not rendered, so none is kept): two renames each
    assert len(log) == 2 * len(EXPECTED_FILES)
    assert no_staging_left(target)


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5, 17, 50])
@pytest.mark.parametrize(
    "exception", [OSError(28, "No space left on device"), KeyboardInterrupt()], ids=["disk-full", "ctrl-c"]
)
def test_force_failing_part_way_puts_every_file_back(
    number: int, exception: BaseException, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "shop"
    before = _existing_project(target)
    _fail_on_rename(number, exception, monkeypatch)
    with pytest.raises((CannotWrite, KeyboardInterrupt)) as info:
        generate(build_answers({"project_name": "Shop", "database": "postgresql"}), target, force=True)
    assert type(info.value) is (
        KeyboardInterrupt if isinstance(exception, KeyboardInterrupt) else CannotWrite
    )
    assert snapshot(target) == before
    assert [p.name for p in tmp_path.iterdir()] == ["shop"]


def test_force_keeps_the_set_aside_files_when_they_cannot_be_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worst case (the disk fails for good mid-way): nothing the user had is deleted."""
    import os

    target = tmp_path / "shop"
    before = _existing_project(target)
    real_rename = os.rename
    calls: list[object] = []

    def rename(src: object, dst: object) -> None:
        calls.append(src)
        if len(calls) >= 4:  # from the fourth rename on, including those putting files back
            raise OSError(5, "Input/output error")
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(CannotWrite):
        generate(build_answers({"project_name": "Shop"}), target, force=True)
    (work,) = target.glob(".newproj-*")
    set_aside = snapshot(work / ".replaced")
    now = {k: v for k, v in snapshot(target).items() if not k.startswith(".newproj-")}
    assert {k: v for k, v in now.items() if v is not None} | {
        k: v for k, v in set_aside.items() if v is not None
    } == {k: v for k, v in before.items() if v is not None}


def test_force_refuses_to_replace_a_folder_with_a_file_and_changes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "shop"
    before = _existing_project(target)
    (target / "pages" / "views.py").unlink()
    (target / "pages" / "views.py").mkdir()
    (target / "pages" / "views.py" / "mine.txt").write_text("mine\n")
    before = snapshot(target)
    with pytest.raises(UsageError) as info:  # the user's folder is in the way: theirs to move (2), not a write error (6)
        generate(build_answers({"project_name": "Shop"}), target, force=True)
    assert info.value.message() == (
        "pages/views.py is a folder where newproj writes a file; move or rename it, then run the command again"
    )
    assert snapshot(target) == before


# --- a cache that cannot be used (item 5) -------------------------------------------------------


def test_an_unwritable_bytecode_cache_costs_speed_not_the_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jinja2 import FileSystemBytecodeCache

    def refuse(self: object, bucket: object) -> None:
        raise PermissionError(13, "Permission denied", "/cache/x")

    monkeypatch.setattr(FileSystemBytecodeCache, "dump_bytecode", refuse)
    answers = build_answers({"project_name": "Shop"})
    assert set(plan(answers)) == EXPECTED_FILES
    assert set(generate(answers, tmp_path / "shop").files) == EXPECTED_FILES


def test_a_damaged_bytecode_cache_is_ignored(tmp_path: Path, isolated_home: Path) -> None:
    from jinja2.bccache import bc_magic

    answers = build_answers({"project_name": "Shop"})
    plan(answers)
    entries = list((isolated_home / ".cache" / "newproj" / "jinja" / TEMPLATE_VERSION).iterdir())
    assert len(entries) >= len(EXPECTED_FILES)
    for number, entry in enumerate(entries):
        entry.write_bytes(bc_magic + (b"garbage" if number % 2 else b""))
    result = generate(answers, tmp_path / "shop")
    assert "shop.settings.development" in (result.path / "manage.py").read_text()


def test_each_template_version_keeps_its_own_bytecode_cache(isolated_home: Path) -> None:
    """``update`` renders the recorded release and the installed template, whose files share paths:
    each version's entries live in a folder of their own, so neither render evicts the other's."""
    from newproj.render.engine import build_context, render_in_memory

    answers = build_answers({"project_name": "Shop"})
    plan(answers)
    cache = isolated_home / ".cache" / "newproj" / "jinja"
    before = {entry.name: entry.stat().st_mtime_ns for entry in (cache / TEMPLATE_VERSION).iterdir()}
    template = django_template()
    context = {**build_context(template, answers.to_context()), "_newproj_template_version": "older"}
    render_in_memory(template, context, files_to_remove(context))
    assert len(list((cache / "older").iterdir())) == len(before)
    assert {entry.name: entry.stat().st_mtime_ns for entry in (cache / TEMPLATE_VERSION).iterdir()} == before


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


def test_development_values_are_fresh_for_every_project(generated, tmp_path: Path) -> None:
    first = dev_values(generated(tmp_path / "one", project_name="Shop", database="mariadb"))
    second = dev_values(generated(tmp_path / "two", project_name="Shop", database="mariadb"))
    for name in DEV_VALUES:
        assert first[name] != second[name], name
    key, password = first["__dev_secret_key"], first["__dev_db_password"]
    assert re.fullmatch(r"django-insecure-[A-Za-z0-9]{50}", key) and len(set(key)) >= 20
    assert re.fullmatch(r"insecure-dev-[A-Za-z0-9]{24}", password)
    dev_env = (tmp_path / "one" / "docker" / "dev.env").read_text(encoding="utf-8").splitlines()
    assert dev_env[-4:] == [
        f"DJANGO_SECRET_KEY={key}",
        f"DATABASE_URL=mysql://shop:{password}@db:3306/shop",
        f"MARIADB_PASSWORD={password}",
        f"MARIADB_ROOT_PASSWORD={password}",
    ]
    compose = (tmp_path / "one" / "docker-compose.yml").read_text(encoding="utf-8")
    assert compose.count("    env_file: docker/dev.env\n") == 2  # web and db
    assert first["__dev_db_password"] not in compose and first["__dev_secret_key"] not in compose


def test_env_example_holds_no_development_value(generated) -> None:
    project = generated(project_name="Shop", database="postgresql")
    example = (project / ".env.example").read_text(encoding="utf-8")
    for value in dev_values(project).values():
        assert value not in example
    assert not [line for line in example.splitlines() if "PASSWORD" in line or "SECRET_KEY=" in line]
    assert "docker/dev.env" in example


def test_development_values_live_only_where_they_are_used(generated) -> None:
    """docker/dev.env holds them (committed, skipped by cruft), .cruft.json records them; the production
    settings refuse them by their markers; a personal .env and production env files stay out of git, and
    every env file stays out of the image."""
    project = generated(project_name="Shop", database="postgresql")
    ignored_by_docker = (project / ".dockerignore").read_text().splitlines()
    ignored_by_git = (project / ".gitignore").read_text().splitlines()
    assert {".env", "*.env"} <= set(ignored_by_docker) and {".env", "*.env"} <= set(ignored_by_git)
    assert "!docker/dev.env" in ignored_by_git and "!docker/dev.env" not in ignored_by_docker
    cruft = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["cruft"]
    assert cruft["skip"] == [".env", "docker/dev.env"]
    for value in dev_values(project).values():
        holders = {
            path.relative_to(project).as_posix()
            for path in project.rglob("*")
            if path.is_file() and value in path.read_text(encoding="utf-8")
        }
        assert holders == {".cruft.json", "docker/dev.env"}


@pytest.mark.parametrize("language", ["en", "ko"])
def test_git_ignores_the_pending_update_record(language: str, generated) -> None:
    """A half-finished update's record (conflicts left) is never committed by a team's ``git add -A``."""
    from newproj.update.plan import PENDING_NAME

    project = generated(project_name="Shop", language=language)
    (project / PENDING_NAME).write_text("{}\n", encoding="utf-8")
    git = shutil.which("git")
    assert git is not None
    subprocess.run([git, "init", "-q", str(project)], check=True)
    ignored = subprocess.run([git, "-C", str(project), "check-ignore", "-v", PENDING_NAME],
                             capture_output=True, text=True)
    assert ignored.returncode == 0, ignored.stderr
    assert ignored.stdout.startswith(".gitignore:") and f"{PENDING_NAME}\t{PENDING_NAME}" in ignored.stdout
    status = subprocess.run([git, "-C", str(project), "status", "--porcelain", "--untracked-files=all"],
                            capture_output=True, text=True, check=True).stdout
    assert PENDING_NAME not in status and ".gitignore" in status


@pytest.mark.parametrize("database", ["sqlite", "postgresql", "mysql", "mariadb"])
def test_cruft_json_records_the_answers(database: str, generated) -> None:
    values = {"project_name": "Shop", "database": database, "port": "8123", "language": "ko"}
    answers = build_answers(values)
    project = generated(**values)
    record = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))
    assert record == {
        "template": "newproj:django",
        "commit": None,
        "checkout": None,
        "context": {
            "cookiecutter": {**answers.to_context(), **dev_values(project), "__user_model": "accounts.User",
                             "_template": "newproj:django"}
        },
        "directory": "templates/django",
        "template_version": TEMPLATE_VERSION,
    }
    assert record["context"]["cookiecutter"]["port"] == 8123


@pytest.mark.parametrize(
    ("database", "removed"),
    [
        ("sqlite", ["docker/db/mysql-init.sql", "deploy/k8s/base/migrate-job.yaml", "deploy/k8s/overlays/dev/db.yaml"]),
        ("postgresql", ["docker/db/mysql-init.sql", "deploy/k8s/base/data-pvc.yaml"]),
        ("mysql", ["deploy/k8s/base/data-pvc.yaml"]),
        ("mariadb", ["deploy/k8s/base/data-pvc.yaml"]),
    ],
)
def test_files_to_remove_follow_the_database_within_kubernetes(database: str, removed: list[str]) -> None:
    """With Kubernetes on, only the database's leftovers go; with it off, every manifest goes too."""
    with_k8s = files_to_remove(build_answers({"database": database, "use_k8s": True, "use_swarm": True}).to_context())
    assert [path for path in with_k8s if not path.startswith((".", "pages/", "docker/celery"))
            and "celery" not in path and "redis" not in path and "worker" not in path] == removed
    without = files_to_remove(build_answers({"database": database}).to_context())
    assert "deploy/k8s/base/deployment.yaml" in without and "deploy/swarm/docker-stack.yml" in without


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
    sql = (project / "docker" / "db" / "mysql-init.sql").read_text(encoding="utf-8")
    assert "GRANT ALL PRIVILEGES ON `test_shop`.* TO 'shop'@'%';" in " ".join(sql.split())


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


@pytest.mark.parametrize(("folder", "env_written"), [("팀 프로젝트", True), ("프로젝트", True), ("팀 site", False),
                                                     ("shop", False)])
def test_a_folder_compose_cannot_name_gets_the_project_name_in_env(folder: str, env_written: bool,
                                                                   tmp_path: Path) -> None:
    """Compose v2 refuses a folder with no ASCII letter or digit (tests/matrix/test_compose_name.py runs it)."""
    result = generate(build_answers({"project_name": "Team Portal", "language": "ko"}), tmp_path / folder)
    env = result.path / ".env"
    assert env.exists() is env_written and (".env" in result.files) is env_written
    assert plan(build_answers({"project_name": "Team Portal", "language": "ko"}), folder) == result.files
    if env_written:
        lines = env.read_text(encoding="utf-8").splitlines()
        assert lines[-1] == "COMPOSE_PROJECT_NAME=team_portal"
        assert all(line.startswith("# ") for line in lines[:-1]) and repr(folder) in lines[0]
