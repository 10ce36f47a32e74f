"""Overlapping edits: markers in the file, exit 4, the record held back until a later run finds them resolved."""

from __future__ import annotations

import json

from newproj.update.plan import PENDING_NAME
from updatekit import commit_all, record

MARKED_PORTS = (
    "    ports:\n"
    "<<<<<<< your project\n"
    '      - "8080:8000"\n'
    "=======\n"
    '      - "9000:9000"\n'
    ">>>>>>> newproj update\n"
)


def _team_changes_the_ports_line(project) -> None:
    compose = project / "docker-compose.yml"
    compose.write_text(compose.read_text().replace('- "8000:8000"', '- "8080:8000"'))
    commit_all(project, "publish on 8080")


def test_a_conflict_exits_4_with_markers_and_the_record_unchanged(repo_project, update) -> None:
    project = repo_project(project_name="Blog", database="sqlite")
    _team_changes_the_ports_line(project)
    record_before = (project / ".cruft.json").read_bytes()

    result = update(str(project), "--no-input", "--port", "9000")

    assert result.code == 4
    assert result.err == (
        "1 file(s) left in conflict; resolve them, then run newproj update again "
        "(.cruft.json was not advanced):\n"
        "  conflict: docker-compose.yml\n"
    )
    assert MARKED_PORTS in (project / "docker-compose.yml").read_text()
    assert (project / ".cruft.json").read_bytes() == record_before
    assert "EXPOSE 9000" in (project / "Dockerfile").read_text()  # what merged cleanly is written
    assert not list(project.rglob("*.rej"))


def test_running_again_after_resolving_finishes_the_update(repo_project, update) -> None:
    project = repo_project(project_name="Blog", database="sqlite")
    _team_changes_the_ports_line(project)
    assert update(str(project), "--no-input", "--port", "9000").code == 4

    again = update(str(project), "--no-input")
    assert (again.code, again.err.splitlines()[-1]) == (4, "  conflict: docker-compose.yml")

    compose = project / "docker-compose.yml"
    compose.write_text(compose.read_text().replace(MARKED_PORTS, '    ports:\n      - "9080:9000"\n'))
    done = update(str(project), "--no-input")
    assert (done.code, done.out) == (0, "Conflicts resolved; recorded the update in .cruft.json.\n")
    assert record(project)["context"]["cookiecutter"]["port"] == 9000
    assert not (project / PENDING_NAME).exists()
    assert '- "9080:9000"' in compose.read_text()


def test_new_answers_are_refused_while_an_update_waits(repo_project, update) -> None:
    project = repo_project(project_name="Blog", database="sqlite")
    _team_changes_the_ports_line(project)
    assert update(str(project), "--no-input", "--port", "9000").code == 4
    result = update(str(project), "--no-input", "--port", "9100", "--lang", "ko")
    assert result.code == 2
    assert result.err == (
        f"error: 충돌 해결을 기다리는 업데이트가 있습니다 ({project / PENDING_NAME}). 충돌을 해결하고 답 플래그 없이 "
        "newproj update 를 실행하거나, 그만두려면 그 파일을 지우세요\n"
    )


def test_conflicts_are_listed_in_korean(repo_project, update) -> None:
    project = repo_project(project_name="Blog", database="sqlite")
    _team_changes_the_ports_line(project)
    result = update(str(project), "--no-input", "--port", "9000", "--lang", "ko")
    assert result.code == 4
    assert result.err == (
        "파일 1개가 충돌로 남았습니다. 해결한 뒤 newproj update 를 다시 실행하세요 (.cruft.json 은 그대로입니다):\n"
        "  충돌: docker-compose.yml\n"
    )


def test_a_dry_run_shows_the_markers_and_lists_the_conflict_without_writing(repo_project, update) -> None:
    project = repo_project(project_name="Blog", database="sqlite")
    _team_changes_the_ports_line(project)
    result = update(str(project), "--no-input", "--port", "9000", "--dry-run", "--json")
    assert result.code == 4
    assert result.err.splitlines()[-2:] == [
        "1 file(s) would be left in conflict; a real run writes them with conflict markers to resolve:",
        "  conflict: docker-compose.yml",
    ]
    assert "was not advanced" not in result.err  # nothing was written: only a real run leaves conflicts
    assert "+<<<<<<< your project\n" in result.err  # the diff goes to stderr when stdout carries JSON
    assert json.loads(result.out)["conflicted"] == ["docker-compose.yml"]
    assert not (project / PENDING_NAME).exists()
    assert '- "8080:8000"' in (project / "docker-compose.yml").read_text()
