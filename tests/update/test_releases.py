"""Template releases: the snapshot store, the one-step release command, and updates across releases."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import newproj
import newproj.update.plan
import pytest
from newproj.answers import TEMPLATE_VERSION
from newproj.doctor.checks import read_env_file
from newproj.maintainer.release import current_version, cut_release, is_released
from newproj.render.snapshots import (
    RELEASES_DIR,
    cached_snapshot,
    released_versions,
    renames_between,
    snapshot_files,
    snapshot_path,
    template_files,
    write_snapshot,
)
from newproj.render.templates import django_template
from newproj.update.envmerge import is_secret
from newproj.update.releases import Release, load_model
from updatekit import env_pairs, record


def test_the_template_is_its_newest_release() -> None:
    """Fails when the template changed without a release: run ``python -m newproj.maintainer.release`` and commit."""
    newest = released_versions()[-1]
    assert TEMPLATE_VERSION == newest, "TEMPLATE_VERSION has no snapshot: run python -m newproj.maintainer.release"
    changed = sorted(
        name
        for name in set(template_files(django_template())) | set(snapshot_files(newest))
        if template_files(django_template()).get(name) != snapshot_files(newest).get(name)
    )
    assert changed == [], f"the template changed since release {newest}: run python -m newproj.maintainer.release"


def test_release_one_is_carried() -> None:
    assert released_versions()[0] == "1"
    assert snapshot_path("1").is_file()


@pytest.fixture
def workshop(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the template and of the release store, to cut releases in."""
    template = tmp_path / "package" / "templates" / "django"
    shutil.copytree(django_template(), template, ignore=shutil.ignore_patterns("__pycache__"))
    releases = tmp_path / "package" / "releases"
    shutil.copytree(RELEASES_DIR, releases)
    return template, releases


def test_the_release_command_bumps_the_version_and_stores_the_template(workshop) -> None:
    template, releases = workshop
    cut_release(template, releases)  # the template as it is now, released (a no-op when it is)
    newest = int(released_versions(releases)[-1])
    assert cut_release(template, releases).written == ()  # nothing changed since

    dockerfile = template / "{{cookiecutter.project_slug}}" / "Dockerfile"
    dockerfile.write_text(dockerfile.read_text() + "# a change\n")
    release = cut_release(template, releases, {"docker/entrypoint.sh": "docker/start.sh"})

    version = str(newest + 1)
    assert release.version == version
    assert current_version(template) == version
    assert json.loads((template / "cookiecutter.json").read_text())["_newproj_template_version"] == version
    assert released_versions(releases)[-1] == version
    assert is_released(template, releases)
    assert snapshot_files(version, releases) == template_files(template)
    assert renames_between(str(newest), version, releases) == {"docker/entrypoint.sh": "docker/start.sh"}


def test_a_snapshot_is_byte_for_byte_reproducible(tmp_path: Path) -> None:
    first = write_snapshot(django_template(), "7", tmp_path / "a").read_bytes()
    second = write_snapshot(django_template(), "7", tmp_path / "b").read_bytes()
    assert first == second
    assert snapshot_files("7", tmp_path / "a") == template_files(django_template())


def test_renames_chain_across_releases(tmp_path: Path) -> None:
    (tmp_path / "renames.json").write_text(json.dumps({"2": {"a": "b"}, "3": {"b": "c", "x": "y"}}))
    assert renames_between("1", "3", tmp_path) == {"a": "c", "x": "y"}
    assert renames_between("2", "3", tmp_path) == {"b": "c", "x": "y"}
    assert renames_between("3", "3", tmp_path) == {}


@pytest.mark.parametrize("version", released_versions())
def test_a_project_of_each_release_updates_cleanly_to_the_installed_template(
    version, released_project, update
) -> None:
    project = released_project(version, project_name="Blog", database="postgresql")
    env_file = project / ".env"
    secrets_before = (
        {k: v for k, v in env_pairs(project).items() if is_secret(k)} if env_file.exists() else {}
    )
    private_before = {
        k: v for k, v in record(project)["context"]["cookiecutter"].items() if k.startswith("__")
    }

    result = update(str(project), "--no-input")

    assert result.code == 0, result.err
    assert record(project)["template_version"] == TEMPLATE_VERSION
    after = record(project)["context"]["cookiecutter"]
    assert {k: after[k] for k in private_before} == private_before  # committed dev values carried
    if secrets_before:  # a release that wrote .env: its secrets are never redrawn, they move to docker/dev.env
        dev_env = read_env_file(project / "docker" / "dev.env")
        assert {k: dev_env[k] for k in secrets_before} == secrets_before
        assert not set(secrets_before) & set(env_pairs(project))  # commented out: .env no longer sets them
        production = (project / "blog" / "settings" / "production.py").read_text(encoding="utf-8")
        # an old value has no marker: the production settings refuse it by its exact value
        assert f'    or SECRET_KEY == "{secrets_before["DJANGO_SECRET_KEY"]}"\n):' in production
        assert f'or _password == "{secrets_before["POSTGRES_PASSWORD"]}":' in production
    again = update(str(project), "--no-input")
    assert (
        again.out == f"{project} is up to date with template release {TEMPLATE_VERSION}; nothing to change.\n"
    )
    # the updated project passes its own lint and pre-commit formatting, old values included
    ruff = str(Path(sys.executable).with_name("ruff"))
    for check in (["check"], ["format", "--check"]):
        linted = subprocess.run([ruff, *check, "--no-cache", "."], cwd=project, capture_output=True, text=True)
        assert linted.returncode == 0, linted.stdout + linted.stderr


def test_a_template_release_update_merges_renames_drops_and_additions(
    workshop, released_project, update, monkeypatch
) -> None:
    """A release → the next, which edits, renames, drops and adds files, over a team's edits."""
    template, releases = workshop
    before = cut_release(template, releases).version  # the template as it is now, as a release
    project = released_project(before, releases_dir=releases, project_name="Blog", database="sqlite")
    root = template / "{{cookiecutter.project_slug}}"
    (root / "docker" / "entrypoint.sh").rename(root / "docker" / "start.sh")
    start = root / "docker" / "start.sh"
    start.write_text(start.read_text() + "# started by newproj\n")
    (root / ".dockerignore").unlink()
    (root / "docker" / "NOTES.md").write_text("Notes on the images.\n")
    compose = root / "docker-compose.yml"
    compose.write_text(compose.read_text().replace("restart: unless-stopped", "restart: always"))
    version = cut_release(template, releases).version
    release = Release(template, load_model(template, f"tests_next_model_{uuid.uuid4().hex}"))
    monkeypatch.setattr(newproj.update.plan, "installed", lambda: release)
    monkeypatch.setattr(newproj.update.plan, "RELEASES_DIR", releases)

    entrypoint = project / "docker" / "entrypoint.sh"
    entrypoint.write_text(entrypoint.read_text().replace("#!/bin/sh", "#!/bin/sh\n# team: our own step"))
    (project / "README.md").unlink()  # the team deleted it

    result = update(str(project), "--no-input", "--json")

    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["renamed"] == [{"from": "docker/entrypoint.sh", "to": "docker/start.sh"}]
    assert (document["added"], document["removed"]) == (["docker/NOTES.md"], [".dockerignore"])
    assert document["changed"] == ["docker-compose.yml"]
    assert document["template_version"] == {"before": before, "after": version}
    moved = (project / "docker" / "start.sh").read_text()
    assert "# team: our own step" in moved and moved.endswith("# started by newproj\n")
    assert not entrypoint.exists() and not (project / ".dockerignore").exists()
    assert not (project / "README.md").exists()
    assert "restart: always" in (project / "docker-compose.yml").read_text()
    assert record(project)["template_version"] == version


def test_the_base_render_reproduces_a_release_exactly(released_project) -> None:
    """The merge base is what that release generated: every file but the random .env equal."""
    version = released_versions()[-1]
    project = released_project(version, project_name="Blog", database="mariadb")
    template = cached_snapshot(version)
    context = record(project)["context"]["cookiecutter"]
    carried = {key: value for key, value in context.items() if key.startswith("__")}
    again = Release(template, load_model(template, f"tests_again_{uuid.uuid4().hex}")).render(context, carried)
    on_disk = {p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()} - {".cruft.json"}
    assert set(again.files) == on_disk
    assert [p for p in on_disk if p != ".env" and (project / p).read_bytes() != again.files[p].data] == []


def test_a_snapshot_is_unpacked_once_into_the_cache(isolated_home) -> None:
    first = cached_snapshot("1")
    assert first.is_relative_to(isolated_home)
    unpacked = template_files(first)
    assert unpacked.pop(".newproj-complete").decode() in first.name  # the archive's digest
    assert unpacked == snapshot_files("1")
    (first / "marker").write_text("same folder")
    assert cached_snapshot("1") == first and (first / "marker").exists()


# --- one template per release number; the other cuts kept by content -----------------------------

REPO = Path(__file__).resolve().parents[2]


def test_each_release_number_names_one_template() -> None:
    """The index records what each number stands for; the stored archive is that content."""
    from newproj.render.snapshots import content_digest, read_index

    index = read_index()
    assert index["releases"] == {v: content_digest(snapshot_files(v)) for v in released_versions()}


def test_every_other_cut_of_a_number_is_kept_and_its_commits_mapped() -> None:
    """Fails when git history shows a release number stored with two different templates (two
    branches cutting the same number, or a cut made again) and the other one is not kept: run
    ``python -m newproj.maintainer.release --keep-other-cuts`` and commit what it writes."""
    from newproj.maintainer.release import other_cuts
    from newproj.render.snapshots import content_digest, read_index

    if not (REPO / ".git").exists():
        pytest.skip("no git history here")
    index = read_index()
    for cut in other_cuts(REPO):
        assert snapshot_path(cut.key).is_file(), f"release {cut.version} was also cut as {cut.key}: keep it"
        assert content_digest(snapshot_files(cut.key)) == cut.digest
        assert {commit: index["commits"].get(commit) for commit in cut.commits} == dict.fromkeys(cut.commits, cut.key)
    assert set(index["commits"].values()) <= {p.name[len("django-") : -len(".tar.gz")] for p in RELEASES_DIR.iterdir()}


def test_the_release_command_records_the_digest(workshop) -> None:
    from newproj.render.snapshots import content_digest, read_index

    template, releases = workshop
    dockerfile = template / "{{cookiecutter.project_slug}}" / "Dockerfile"
    dockerfile.write_text(dockerfile.read_text() + "# another change\n")
    release = cut_release(template, releases)
    assert read_index(releases)["releases"][release.version] == content_digest(template_files(template))


#: The first cut of release 3 (its branch was merged, then 3 was cut again with other content).
FIRST_CUT_OF_3 = "4df30723f1f8a315676ba57a4981222a40fb6334"


@pytest.mark.parametrize("commit", [FIRST_CUT_OF_3, None], ids=["recorded-commit", "no-commit"])
def test_a_cruft_project_from_the_first_cut_of_3_merges_against_its_own_template(
    commit, released_project, update
) -> None:
    """cruft records the template commit: its content is the base, not the release stored as 3."""
    from newproj.render.snapshots import base_key

    key = base_key("3", FIRST_CUT_OF_3)
    assert key == "3.f6b8622c"
    project = released_project(key, project_name="Blog", database="postgresql")
    data = record(project)
    data["commit"] = commit
    (project / ".cruft.json").write_text(json.dumps(data, indent=2) + "\n")
    readme = project / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nOur own notes.\n", encoding="utf-8")
    result = update(str(project), "--no-input")
    if commit is None:  # merged against the release stored as 3: the spurious conflicts of old
        assert result.code == 4
        return
    assert result.code == 0, result.err
    assert readme.read_text(encoding="utf-8").endswith("\nOur own notes.\n")
    assert not [p for p in project.rglob("*") if p.is_file() and b"<<<<<<<" in p.read_bytes()]


def test_a_release_6_project_updates_to_the_stock_shape_keeping_the_team_edits_and_auth_user(
    released_project, update
) -> None:
    """Release 6 (a patched runserver, a BuildKit-only Dockerfile) → the template as it is now, as a
    release: Django's own manage.py, a Dockerfile any builder builds, the team's edits kept, and the
    user model left as Django's auth.User, which the project's database already holds."""
    project = released_project("6", project_name="Blog", database="postgresql")
    assert "devserver" in (project / "manage.py").read_text() and "--mount" in (project / "Dockerfile").read_text()
    version = TEMPLATE_VERSION  # the template as it is now is the newest release
    views = project / "pages" / "views.py"
    views.write_text(views.read_text() + "\n\ndef about(request):  # team: our own page\n    return home(request)\n")
    urls = project / "blog" / "urls.py"
    urls.write_text(urls.read_text() + "# team: more routes soon\n")

    result = update(str(project), "--no-input", "--json")

    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["template_version"] == {"before": "6", "after": version}
    assert "# team: our own page" in views.read_text() and "# team: more routes soon" in urls.read_text()
    for gone in ("blog/devserver.py", "pages/checks.py", "pages/management/commands/runserver.py"):
        assert not (project / gone).exists(), gone
    assert "devserver" not in (project / "manage.py").read_text()
    assert "--mount" not in (project / "Dockerfile").read_text()
    assert "/proc" not in (project / "docker" / "healthcheck.py").read_text()
    assert "manage.py runserver" in (project / "docker" / "entrypoint.sh").read_text()
    # the user model is never switched under an existing database, and the choice is now recorded
    assert record(project)["context"]["cookiecutter"]["__user_model"] == "auth.User"
    assert not (project / "accounts").exists()
    assert "AUTH_USER_MODEL" not in (project / "blog" / "settings" / "base.py").read_text()
    again = update(str(project), "--no-input")
    assert again.out == f"{project} is up to date with template release {version}; nothing to change.\n"


def test_a_new_project_records_its_own_user_model(tmp_path: Path) -> None:
    project = newproj.generate(newproj.build_answers({"project_name": "Blog"}), tmp_path / "blog").path
    assert record(project)["context"]["cookiecutter"]["__user_model"] == "accounts.User"
    assert 'AUTH_USER_MODEL = "accounts.User"' in (project / "blog" / "settings" / "base.py").read_text()
    assert (project / "accounts" / "migrations" / "0001_initial.py").is_file()
