"""``newproj update`` changing answers: port 8000 → 9000 and SQLite → PostgreSQL, merged into a team's project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from newproj.answers import TEMPLATE_VERSION
from newproj.update.plan import PENDING_NAME
from newproj.update.releases import installed
from updatekit import commit_all, env_pairs, git, record


def _team_edits(project: Path) -> None:
    readme = project / "README.md"
    readme.write_text(readme.read_text() + "\n## Team notes\n\nDeploys happen on Fridays.\n")
    views = project / "pages" / "views.py"
    views.write_text(views.read_text() + "\n\n# team: a view of our own comes here\n")
    commit_all(project, "team edits")


def test_port_and_database_follow_everywhere_and_team_edits_survive(repo_project, update) -> None:
    project = repo_project(project_name="Blog", database="sqlite", port=8000)
    _team_edits(project)

    result = update(str(project), "--no-input", "--port", "9000", "--database", "postgresql")

    assert result.code == 0, result.err
    assert result.out.splitlines()[-1].startswith(
        f"Updated {project} to template release {TEMPLATE_VERSION}: "
    )
    dockerfile = (project / "Dockerfile").read_text()
    assert "EXPOSE 9000" in dockerfile and "EXPOSE 8000" not in dockerfile
    assert 'CMD ["python", "manage.py", "runserver", "0.0.0.0:9000"]' in dockerfile
    compose = (project / "docker-compose.yml").read_text()
    assert '      - "9000:9000"\n' in compose
    assert "  db:\n    image: postgres:17\n" in compose
    assert "sqlite-data" not in compose
    readme = (project / "README.md").read_text()
    assert "<http://localhost:9000/>" in readme and "localhost:8000" not in readme
    assert "Deploys happen on Fridays." in readme  # the team's edit survives
    assert "# team: a view of our own comes here" in (project / "pages" / "views.py").read_text()
    assert "psycopg[binary]" in (project / "requirements.in").read_text()
    assert "\npsycopg-binary==" in (project / "requirements.txt").read_text()
    context = record(project)["context"]["cookiecutter"]
    assert (context["port"], context["database"], context["database_version"]) == (9000, "postgresql", "17")
    assert not (project / PENDING_NAME).exists()


def test_env_follows_by_key_under_a_template_that_writes_it(
    released_project, release_one_installed, update
) -> None:
    """Release 1 writes .env: existing secrets stay, new keys come with one fresh password, origins follow."""
    project = released_project("1", project_name="Blog", database="sqlite", port=8000)
    secret_before = env_pairs(project)["DJANGO_SECRET_KEY"]

    result = update(str(project), "--no-input", "--port", "9000", "--database", "postgresql")

    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        ".env: added POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD; commented out -",
        f"Updated {project} to template release 1: 7 changed, 0 added, 0 removed.",
    ]
    env = env_pairs(project)
    assert env["DJANGO_SECRET_KEY"] == secret_before
    assert env["DJANGO_CSRF_TRUSTED_ORIGINS"] == "http://localhost:9000,http://127.0.0.1:9000"
    assert len(env["POSTGRES_PASSWORD"]) == 32
    assert env["DATABASE_URL"] == f"postgres://blog:{env['POSTGRES_PASSWORD']}@db:5432/blog"


def test_the_update_matches_a_fresh_render_of_the_new_answers(repo_project, update) -> None:
    project = repo_project(project_name="Blog", database="sqlite")
    assert update(str(project), "--no-input", "--port", "9000", "--database", "postgresql").code == 0
    context = record(project)["context"]["cookiecutter"]
    carried = {key: value for key, value in context.items() if key.startswith("__")}  # committed dev values
    fresh = installed().render(context, carried).files
    # The files on disk: the update adds and removes files (the k8s files differ by database).
    tracked = [p for p in git(project, "ls-files", "--cached", "--others", "--exclude-standard").split()
               if p not in (".env", ".cruft.json") and (project / p).is_file()]
    assert sorted(set(fresh) - {".env"}) == sorted(set(tracked))
    assert [p for p in tracked if (project / p).read_bytes() != fresh[p].data] == []


def test_no_change_says_so_and_writes_nothing(repo_project, update) -> None:
    project = repo_project(project_name="Blog")
    result = update(str(project), "--no-input")
    assert result.code == 0
    assert (
        result.out
        == f"{project} is up to date with template release {TEMPLATE_VERSION}; nothing to change.\n"
    )
    assert git(project, "status", "--porcelain") == ""


def _contents(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in project.rglob("*") if p.is_file()}


def test_dry_run_prints_the_diff_and_writes_nothing(released_project, release_one_installed, update) -> None:
    project = released_project("1", project_name="Blog", database="sqlite")
    before = _contents(project)
    result = update(str(project), "--no-input", "--dry-run", "--port", "9000")
    assert result.code == 0
    assert "--- a/Dockerfile\n+++ b/Dockerfile\n" in result.out
    assert "\n-EXPOSE 8000\n" in result.out and "\n+EXPOSE 9000\n" in result.out
    assert "--- a/.env\n+++ b/.env\n" in result.out
    assert " DJANGO_SECRET_KEY=***\n" in result.out  # .env is shown with its secrets masked
    assert env_pairs(project)["DJANGO_SECRET_KEY"] not in result.out
    assert result.out.endswith("dry run: nothing was written\n")
    assert _contents(project) == before


def test_json_lists_the_files_and_the_answers_before_and_after(
    released_project, release_one_installed, update
) -> None:
    project = released_project("1", project_name="Blog", database="sqlite")
    result = update(str(project), "--no-input", "--json", "--port", "9000")
    assert result.code == 0
    document = json.loads(result.out)
    assert document["changed"] == [
        ".env.example",
        "Dockerfile",
        "README.md",
        "blog/settings/base.py",
        "docker-compose.yml",
        ".env",
    ]
    assert (document["added"], document["removed"], document["conflicted"]) == ([], [], [])
    assert (document["answers"]["before"]["port"], document["answers"]["after"]["port"]) == (8000, 9000)
    assert document["template_version"] == {"before": "1", "after": "1"}
    assert document["written"] is True


def test_an_answers_file_changes_answers_too(repo_project, update, tmp_path) -> None:
    project = repo_project(project_name="Blog")
    answers = tmp_path / "team.yml"
    answers.write_text("port: 8100\n")
    assert update(str(project), "--no-input", "--answers", str(answers)).code == 0
    assert record(project)["context"]["cookiecutter"]["port"] == 8100


def test_a_project_that_is_no_git_repository_is_updated(generated, update) -> None:
    project = generated(project_name="Blog", database="sqlite")
    result = update(str(project), "--no-input", "--port", "9000")
    assert result.code == 0, result.err
    assert "EXPOSE 9000" in (project / "Dockerfile").read_text()
    assert not list(project.rglob("*.rej")) and not list(project.rglob("*.orig"))


def test_a_dirty_work_tree_is_refused_unless_allowed(repo_project, update) -> None:
    project = repo_project(project_name="Blog")
    with (project / "pages" / "views.py").open("a") as views:
        views.write("\nUNCOMMITTED = True\n")
    refused = update(str(project), "--no-input", "--port", "9000")
    assert refused.code == 2
    assert refused.err == (
        f"error: {project} has uncommitted changes (pages/views.py); commit them or put them aside with "
        "git stash first, or pass --allow-dirty\n"
    )
    assert record(project)["context"]["cookiecutter"]["port"] == 8000
    assert update(str(project), "--no-input", "--port", "9000", "--allow-dirty").code == 0


def test_a_folder_that_is_no_generated_project_is_a_usage_error(tmp_path, update) -> None:
    result = update(str(tmp_path), "--no-input")
    assert result.code == 2
    assert result.err == (
        f"error: {tmp_path} has no .cruft.json, so it is no project made by newproj; "
        "run newproj update in a generated project\n"
    )


def test_another_templates_record_is_refused_in_korean(tmp_path, update) -> None:
    (tmp_path / ".cruft.json").write_text('{"template": "gh:someone/else", "context": {"cookiecutter": {}}}')
    result = update(str(tmp_path), "--no-input", "--lang", "ko")
    assert result.code == 2
    assert result.err == (
        f"error: {tmp_path / '.cruft.json'} 은(는) newproj 의 Django 템플릿이 아닌 다른 템플릿의 기록입니다. "
        "그 프로젝트를 만든 도구를 쓰세요\n"
    )


def test_a_new_package_name_moves_the_package_with_the_teams_edits(generated, update) -> None:
    project = generated(project_name="Blog")
    urls = project / "blog" / "urls.py"
    urls.write_text(urls.read_text() + "# team: our routes\n")
    result = update(str(project), "--no-input", "--slug", "news", "--json")
    assert result.code == 0, result.err
    moved = {item["from"]: item["to"] for item in json.loads(result.out)["renamed"]}
    assert moved["blog/urls.py"] == "news/urls.py"
    assert moved["blog/settings/__init__.py"] == "news/settings/__init__.py"
    assert (project / "news" / "urls.py").read_text().endswith("# team: our routes\n")
    assert not (project / "blog").exists()
    assert "news.settings.development" in (project / "manage.py").read_text()


def test_a_refused_flag_is_a_usage_error_when_the_recorded_package_name_is_importable(
    generated, update, monkeypatch
) -> None:
    """``typer`` is importable here (newproj runs on it), as a team's own package is once installed:
    the recorded name is accepted (what is installed plays no part), and a bad flag beside it is the
    usual usage error."""
    import importlib.util

    project = generated(project_name="Typer", project_slug="typer")
    assert importlib.util.find_spec("typer") is not None
    result = update(str(project), "--port", "0", "--no-input")
    assert (result.code, result.out) == (2, "")
    assert result.err == "error: --port: 0 is out of range; use a port from 1 to 65535, e.g. 8000\n"
    assert record(project)["context"]["cookiecutter"]["port"] == 8000


@pytest.fixture
def parent_repo(tmp_path):
    """A checkout (the README's Quick start: newproj's own) with a commit and an uncommitted edit of its own."""


    parent = tmp_path / "checkout"
    parent.mkdir()
    git(parent, "init", "-q")
    (parent / "README.md").write_text("checkout\n")
    git(parent, "add", "-A")
    git(parent, "commit", "-q", "-m", "checkout")
    (parent / "README.md").write_text("edited, not committed\n")  # the parent's own business
    return parent


def test_a_project_untracked_inside_another_repository_is_updated(parent_repo, generated, update) -> None:
    """Generated inside a checkout and never added to it: its files are under no version control."""
    project = generated(target=parent_repo / "blog", project_name="Blog", database="sqlite")
    result = update(str(project), "--no-input", "--port", "9000")
    assert result.code == 0, result.err
    assert "EXPOSE 9000" in (project / "Dockerfile").read_text()


def test_a_project_tracked_by_a_parent_repository_is_judged_by_its_own_files(
    parent_repo, generated, update
) -> None:


    project = generated(target=parent_repo / "blog", project_name="Blog", database="sqlite")
    git(parent_repo, "add", "blog")
    git(parent_repo, "commit", "-q", "-m", "blog")
    # the parent's uncommitted README is outside the project: not the project's changes
    assert update(str(project), "--no-input", "--port", "9000").code == 0
    git(parent_repo, "add", "blog")
    git(parent_repo, "commit", "-q", "-m", "port")
    for name in ("views.py", "urls.py", "apps.py", "tests.py"):
        with (project / "pages" / name).open("a") as edited:
            edited.write("\nUNCOMMITTED = True\n")
    refused = update(str(project), "--no-input", "--port", "9100")
    assert refused.code == 2
    assert refused.err.startswith(f"error: {project} has uncommitted changes (blog/pages/")
    assert ", …); commit them" in refused.err  # paths as git names them, the first three


def test_untracked_files_are_no_reason_to_refuse(repo_project, update) -> None:
    """A log, an editor's file, or the output of ``newproj update --json > out.json`` run in the
    project: git keeps them aside by itself, and following "git stash" would not move them."""
    project = repo_project(project_name="Blog")
    (project / "debug.log").write_text("started\n")
    (project / "pages" / "extra.py").write_text("MINE = True\n")
    result = update(str(project), "--no-input", "--port", "9000")
    assert result.code == 0, result.err
    assert (project / "debug.log").read_text() == "started\n"
    assert (project / "pages" / "extra.py").read_text() == "MINE = True\n"


# --- an answer change the database volume does not follow -------------------------------------

FIX = (
    "to keep the data, dump it with the files as they were (before this update, or after git stash): "
    "docker compose run --rm web python manage.py dumpdata -o data.json; with the updated files: "
    "docker compose down -v, docker compose run --rm web python manage.py migrate, "
    "docker compose run --rm web python manage.py loaddata data.json; if the data may go: docker compose down -v"
)


@pytest.mark.parametrize(
    ("before", "after", "kinds"),
    [
        ({"database": "postgresql", "project_slug": "blog", "database_version": "17"},
         {"database": "postgresql", "project_slug": "team", "database_version": "17"}, ["slug"]),
        ({"database": "postgresql", "project_slug": "blog", "database_version": "17"},
         {"database": "postgresql", "project_slug": "blog", "database_version": "18"}, ["version"]),
        ({"database": "mariadb", "project_slug": "blog", "database_version": "11.8"},
         {"database": "mariadb", "project_slug": "shop", "database_version": "11.4"}, ["slug", "version"]),
        ({"database": "postgresql", "project_slug": "blog", "database_version": "17"},
         {"database": "mysql", "project_slug": "blog", "database_version": "8.4"}, ["engine"]),
        ({"database": "sqlite", "project_slug": "blog", "database_version": ""},
         {"database": "postgresql", "project_slug": "blog", "database_version": "17"}, ["engine"]),
        ({"database": "sqlite", "project_slug": "blog", "database_version": ""},
         {"database": "sqlite", "project_slug": "team", "database_version": ""}, []),
        ({"database": "postgresql", "project_slug": "blog", "database_version": "17", "port": 8000},
         {"database": "postgresql", "project_slug": "blog", "database_version": "17", "port": 9000}, []),
    ],
)  # fmt: skip
def test_which_answer_changes_the_volume_does_not_follow(before, after, kinds) -> None:
    from newproj.update.plan import volume_changes

    assert [change.kind for change in volume_changes(before, after)] == kinds


def test_a_new_package_name_warns_about_the_database_volume(generated, update) -> None:
    project = generated(project_name="Blog", database="postgresql")
    result = update(str(project), "--no-input", "--slug", "team_portal")
    assert result.code == 0, result.err
    assert result.err.splitlines() == [
        "warning: the postgresql volume was set up for the user and database blog, and keeps them: "
        f"as team_portal, Django cannot log in; {FIX}"
    ]


def test_a_new_server_version_warns_before_anything_is_written(generated, update) -> None:
    project = generated(project_name="Blog", database="postgresql")
    result = update(str(project), "--dry-run", "--database-version", "18", "--lang", "ko")
    assert result.code == 0, result.err
    warnings = [line for line in result.err.splitlines() if line.startswith("경고")]
    assert warnings == [
        "경고: postgresql 볼륨에는 postgresql 17 데이터가 있어 postgresql 18 서버가 거부할 수 있습니다; "
        "데이터를 지키려면 업데이트 전 파일로(업데이트하기 전이나 git stash 뒤에) "
        "docker compose run --rm web python manage.py dumpdata -o data.json 으로 덤프하고, 업데이트된 파일로 "
        "docker compose down -v, docker compose run --rm web python manage.py migrate, "
        "docker compose run --rm web python manage.py loaddata data.json 을 실행하세요. "
        "데이터가 없어져도 되면: docker compose down -v"
    ]
    assert record(project)["context"]["cookiecutter"]["database_version"] == "17"


def test_a_port_change_says_nothing_about_volumes(generated, update) -> None:
    project = generated(project_name="Blog", database="postgresql")
    result = update(str(project), "--no-input", "--port", "9000")
    assert (result.code, result.err) == (0, "")
