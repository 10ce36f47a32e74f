"""``newproj update --with`` / ``--without``: a feature's files and lines come and go, three ways.

These render the merge base from the released snapshot of the recorded template version, so they
need the release that carries the features (``python -m newproj.release`` at merge time).
"""

from __future__ import annotations

import json

from updatekit import commit_all, record


def test_with_worker_adds_its_files_and_merges_its_lines_into_the_teams_files(repo_project, update) -> None:
    project = repo_project(project_name="Blog", database="postgresql")
    settings = project / "blog" / "settings" / "base.py"
    text = settings.read_text()
    settings.write_text(
        text.replace(
            'DEBUG = env_bool("DJANGO_DEBUG")\n', 'DEBUG = env_bool("DJANGO_DEBUG")\nTEAM_SETTING = 1\n'
        )
    )
    commit_all(project, "a team setting")

    result = update(str(project), "--no-input", "--with", "worker", "--json")

    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert {"blog/celery.py", "pages/tasks.py", "docker/celery_healthcheck.py"} <= set(report["added"])
    assert {"docker-compose.yml", "requirements.in", "requirements.txt", "blog/settings/base.py"} <= set(
        report["changed"]
    )
    assert report["answers"]["after"]["use_worker"] is report["answers"]["after"]["use_redis"] is True
    text = settings.read_text()
    assert "TEAM_SETTING = 1" in text and "django.core.cache.backends.redis.RedisCache" in text
    compose = (project / "docker-compose.yml").read_text()
    assert "\n  worker:\n" in compose and "\n  beat:\n" in compose and "\n  redis:\n" in compose
    assert "celery[redis]" in (project / "requirements.in").read_text()
    context = record(project)["context"]["cookiecutter"]
    assert context["use_worker"] is True and context["use_redis"] is True


def test_without_k8s_removes_the_unchanged_files_and_names_each_edited_one(repo_project, update) -> None:
    project = repo_project(project_name="Blog", database="postgresql", use_k8s=True)
    ingress = project / "deploy" / "k8s" / "base" / "ingress.yaml"
    ingress.write_text(ingress.read_text() + "# our ingress class\n")
    commit_all(project, "our ingress")
    record_before = (project / ".cruft.json").read_bytes()

    result = update(str(project), "--no-input", "--without", "k8s")

    assert result.code == 4
    assert result.err.splitlines() == [
        "1 file(s) left in conflict; resolve them, then run newproj update again (.cruft.json was not advanced):",
        "  conflict: deploy/k8s/base/ingress.yaml belongs to a feature this update removes, but your project "
        "changed it; delete it or keep it, then run newproj update again",
    ]
    assert ingress.read_text().endswith("# our ingress class\n")
    assert not (project / "deploy" / "k8s" / "base" / "deployment.yaml").exists()
    assert not (project / "deploy" / "k8s" / "overlays").exists()
    assert (project / ".cruft.json").read_bytes() == record_before

    ingress.unlink()  # the team decides: the feature goes
    commit_all(project, "no ingress")
    finished = update(str(project), "--no-input")
    assert finished.code == 0, finished.err
    assert record(project)["context"]["cookiecutter"]["use_k8s"] is False


def test_with_worker_without_redis_is_refused_with_the_models_message(repo_project, update) -> None:
    project = repo_project(project_name="Blog")
    result = update(str(project), "--no-input", "--with", "worker", "--without", "redis")
    assert result.code == 2
    assert result.err == (
        "error: --with: the worker feature needs redis; add redis too (use_redis=y, --with redis) "
        "or leave worker out\n"
    )
