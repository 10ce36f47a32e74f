"""The template under cruft: ``create``, then ``check`` and ``diff --exit-code`` clean, then ``update`` across
two template commits that carries the template's change, keeps a team's own edit and leaves no ``.rej``.

cruft renders with cookiecutter's ``generate_files`` and gives the hooks only ``_template`` and ``_commit``
(cruft #313): the generated hooks need nothing else.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from clikit import project_snapshot
from newproj.answers import TEMPLATE_VERSION, build_answers
from newproj.render.place import generate
from runnerkit import GIT, git

Run = Callable[..., subprocess.CompletedProcess[str]]
ANSWERS = {"project_name": "Team Shop", "database": "mariadb", "port": "8123", "language": "ko"}
README = "templates/django/{{cookiecutter.project_slug}}/README.md"


def create(run: Run, repo: Path, out: Path, extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run(
        [
            "cruft",
            "create",
            f"file://{repo}",
            "--directory",
            "templates/django",
            "--no-input",
            "--output-dir",
            str(out),
            "--extra-context",
            json.dumps(extra),
        ],
        out.parent,
    )


def test_create_check_and_diff_are_clean(template_repo: Path, tmp_path: Path, run: Run) -> None:
    out = tmp_path / "out"
    done = create(run, template_repo, out, ANSWERS)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr + done.stdout
    project = out / "team_shop"
    record = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))
    assert (record["template"], record["commit"], record["directory"]) == (
        str(template_repo),
        git("rev-parse", "HEAD", cwd=template_repo),
        "templates/django",
    )
    context = record["context"]["cookiecutter"]
    assert context["_newproj_template_version"] == TEMPLATE_VERSION  # what `newproj update` reads from a cruft record
    assert build_answers({k: v for k, v in context.items() if not k.startswith("_")}) == build_answers(
        ANSWERS
    )

    check = run(["cruft", "check"], project)
    assert check.returncode == 0, check.stdout + check.stderr
    diff = run(["cruft", "diff", "--exit-code"], project)
    # cruft draws new development values when it renders again; they live only in docker/dev.env,
    # which [tool.cruft] skip leaves out of the comparison
    assert (diff.returncode, diff.stdout) == (0, "")

    ours = generate(build_answers(ANSWERS), tmp_path / "newproj" / "team_shop").path
    assert {k: v for k, v in project_snapshot(project).items() if k != ".cruft.json"} == {
        k: v for k, v in project_snapshot(ours).items() if k != ".cruft.json"
    }


def test_create_refuses_a_bad_answer_and_leaves_nothing(
    template_repo: Path, tmp_path: Path, run: Run
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    done = create(run, template_repo, out, {**ANSWERS, "port": "70000"})
    assert done.returncode == 1
    assert "error: port: 70000은(는) 범위를 벗어났습니다. 1부터 65535 사이의 포트를 쓰세요 (예: 8000)" in (
        done.stderr.splitlines()
    )
    assert list(out.iterdir()) == []


def test_update_brings_the_template_change_and_keeps_the_team_edit(
    own_template_repo: Path, tmp_path: Path, run: Run
) -> None:
    repo = own_template_repo
    out = tmp_path / "out"
    assert create(run, repo, out, ANSWERS).returncode == 0
    project = out / "team_shop"
    git("init", "--quiet", "--initial-branch=main", cwd=project)
    git("add", "--all", cwd=project)
    git("commit", "--quiet", "--message", "generated", cwd=project)
    readme = project / "README.md"
    readme.write_text(
        "Team notes: deploy on Fridays.\n\n" + readme.read_text(encoding="utf-8"), encoding="utf-8"
    )
    (project / ".env").write_text("LOCAL_ONLY=1\n", encoding="utf-8")  # a personal override, ignored by git
    git("commit", "--quiet", "--all", "--message", "team edit", cwd=project)

    template_readme = repo / README
    template_readme.write_text(
        template_readme.read_text(encoding="utf-8") + "\n<!-- release 2 -->\n", encoding="utf-8"
    )
    subprocess.run([*GIT, "commit", "--quiet", "--all", "--message", "template change"], cwd=repo, check=True)
    new_commit = git("rev-parse", "HEAD", cwd=repo)

    assert run(["cruft", "check"], project).returncode == 1  # the template moved on
    done = run(["cruft", "update", "--skip-apply-ask"], project)
    assert done.returncode == 0, done.stdout + done.stderr
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("Team notes: deploy on Fridays.\n\n# Team Shop\n")
    assert text.endswith("\n<!-- release 2 -->\n")
    assert (project / ".env").read_text(encoding="utf-8").endswith("LOCAL_ONLY=1\n")  # skipped: left alone
    assert sorted(p.name for p in project.rglob("*.rej")) == []
    assert json.loads((project / ".cruft.json").read_text(encoding="utf-8"))["commit"] == new_commit
    assert run(["cruft", "check"], project).returncode == 0
    diff = run(
        ["cruft", "diff", "--exit-code"], project
    )  # what differs from the template now: the team's edit only
    changed = [
        line for line in diff.stdout.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert (diff.returncode, changed) == (1, ["-Team notes: deploy on Fridays.", "-"])
