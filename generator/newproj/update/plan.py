"""What ``newproj update`` would do: both renders, merged into the files on disk, in memory.

:func:`plan_update` renders the merge base (recorded answers, recorded release, from the snapshot the
wheel carries) and the new render (new answers, installed template), and merges them into the files
on disk. :mod:`newproj.update.apply` writes the result.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newproj.answers.features import BEFORE_FEATURES, FEATURES, owned_files
from newproj.errors import UsageError
from newproj.project.origin import installed_origin
from newproj.project.record import Record, read_record
from newproj.render.engine import Rendering
from newproj.render.snapshots import RELEASES_DIR, renames_between
from newproj.update.envmerge import EnvMerge, dev_values_from_env, example_keys, merge_env, parse, retire_env
from newproj.update.merge import CONFLICT_START, FileChange, merge_trees
from newproj.update.releases import Release, installed, released

ENV_NAME = ".env"
EXAMPLE_NAME = ".env.example"
DEV_ENV_NAME = "docker/dev.env"
PENDING_NAME = ".newproj-update.json"


@dataclass
class UpdatePlan:
    """What an update would do, before anything is written."""

    project: Path
    record: Record
    answers_before: dict[str, Any]
    answers_after: dict[str, Any]
    version_before: str
    version_after: str
    new_record: dict[str, Any]
    changes: list[FileChange] = field(default_factory=list)
    env: EnvMerge | None = None
    env_before: str = ""
    finishing: bool = False  # a run after conflicts: only the record is left to advance
    unresolved: list[str] = field(default_factory=list)

    def paths(self, action: str) -> list[str]:
        return [c.path for c in self.changes if c.action == action and not c.conflicted]

    @property
    def conflicted(self) -> list[str]:
        return self.unresolved or [c.path for c in self.changes if c.conflicted]

    @property
    def volume_changes(self) -> list[VolumeChange]:
        return [] if self.finishing else volume_changes(self.answers_before, self.answers_after)

    @property
    def env_changed(self) -> bool:
        return self.env is not None and self.env.text != self.env_before


#: What the database service keeps in its volume, set when the volume is first made; an update that
#: changes one of these leaves the volume holding what the new files no longer describe.
SERVER_DATABASES = ("postgresql", "mysql", "mariadb")


@dataclass(frozen=True)
class VolumeChange:
    """An answer change the database volume does not follow: ``kind`` is slug (the user and database
    the server created), version (the major the data files are written for) or engine."""

    kind: str
    database: str
    old: str
    new: str


def volume_changes(before: dict[str, Any], after: dict[str, Any]) -> list[VolumeChange]:
    """What the existing database volume holds that the updated project no longer describes."""
    old_db, new_db = str(before.get("database", "")), str(after.get("database", ""))
    if old_db != new_db:
        return [VolumeChange("engine", new_db, old_db, new_db)]
    if new_db not in SERVER_DATABASES:
        return []  # SQLite: one file, whatever the names
    found = []
    if before.get("project_slug") != after.get("project_slug"):
        found.append(VolumeChange("slug", new_db, str(before.get("project_slug")), str(after.get("project_slug"))))
    old_version, new_version = str(before.get("database_version", "")), str(after.get("database_version", ""))
    if old_version != new_version:  # each offered version is a major (a series for MariaDB)
        found.append(VolumeChange("version", new_db, old_version, new_version))
    return found


def _read(project: Path, relative: str) -> bytes | None:
    path = project / relative
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError as err:
        raise UsageError("update_unreadable", path=path, detail=err.strerror or err) from err


def _next_record(record: Record, new: Rendering) -> dict[str, Any]:
    """The new render's record, naming the installed template's git origin when there is one, and
    keeping where a cruft-made project's template comes from."""
    data = dict(new.record)
    origin = installed_origin()
    data["template"], data["commit"] = origin.template, origin.commit
    data["context"]["cookiecutter"]["_template"] = origin.template
    if "skip" in record.data:
        data["skip"] = record.data["skip"]
    if record.data.get("template") != data.get("template"):
        for key in ("template", "commit", "checkout", "directory"):
            if key in record.data:
                data[key] = record.data[key]
        data["context"]["cookiecutter"]["_template"] = record.data.get("template")
    return data


def check_clean(project: Path) -> None:
    """Refuse uncommitted changes to the project's own files (a merge would mix them with the update).

    Whichever repository holds the project answers: its own, or a parent's (a project made inside
    another checkout). A project none of whose files that repository tracks is not under version
    control, as a project with no repository is not: nothing to mix, so nothing to refuse. Files
    outside the project never count, nor do untracked ones (a log, an editor's file, the output of
    ``newproj update --json > out.json``): git can keep them aside as it keeps tracked changes. One
    that stands where the update adds a file is merged as a file of the user's.
    """

    def git(*args: str) -> subprocess.CompletedProcess[str] | None:
        try:
            return subprocess.run(["git", "-C", str(project), *args, "--", "."], capture_output=True, text=True)
        except OSError:
            return None

    tracked = git("ls-files")
    if tracked is None or tracked.returncode != 0 or not tracked.stdout.strip():
        return
    status = git("status", "--porcelain", "--untracked-files=no")
    if status is not None and status.returncode == 0 and status.stdout.strip():
        changed = [line[3:] for line in status.stdout.splitlines() if line.strip()]
        shown = ", ".join(changed[:3]) + (", …" if len(changed) > 3 else "")
        raise UsageError("update_dirty", path=project, files=shown)


def _pending(project: Path) -> dict[str, Any] | None:
    path = project / PENDING_NAME
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _finish_plan(project: Path, record: Record, pending: dict[str, Any]) -> UpdatePlan:
    left = [p for p in pending["conflicted"] if CONFLICT_START in (_read(project, p) or b"")]
    after = pending["record"]
    return UpdatePlan(
        project,
        record,
        record.answers,
        {k: v for k, v in after["context"]["cookiecutter"].items() if not k.startswith("_")},
        record.template_version,
        str(after.get("template_version", "")),
        after,
        finishing=True,
        unresolved=left,
    )


def plan_update(
    project: Path,
    overrides: dict[str, Any] | None = None,
    lang: str = "en",
    installed_release: Release | None = None,
    releases_dir: Path | None = None,
) -> UpdatePlan:
    """Render both sides and merge them into ``project`` in memory; nothing is written.

    ``installed_release`` is the template to update to (the installed one by default), and
    ``releases_dir`` where the released snapshots are (the wheel's by default).
    """
    target = installed_release or installed()
    releases_dir = releases_dir or RELEASES_DIR
    project = project.absolute()
    record = read_record(project)
    pending = _pending(project)
    if pending is not None:
        if overrides:
            raise UsageError("update_pending", path=project / PENDING_NAME)
        return _finish_plan(project, record, pending)
    after = {**record.answers, **(overrides or {})}
    base = released(record.template_version, releases_dir, record.data.get("commit")).render(
        record.answers, record.carried
    )
    drawn = {k: v for k, v in base.context.items() if k.startswith("__")}  # both renders agree
    env_before = (_read(project, ENV_NAME) or b"").decode()
    # A release-1 project kept its development values in .env; they move into docker/dev.env as they are.
    carried = {**dev_values_from_env(env_before), **record.carried}
    new = target.render(after, {**drawn, **carried})
    version_after = target.version
    declared = renames_between(record.template_version, version_after, releases_dir)
    moves = _slugged(declared, record.answers, after)
    changes = [
        c
        for c in merge_trees(base.files, new.files, lambda p: _read(project, p), moves)
        if not _skipped(record, c)
    ]
    changes = _edited_files_of_removed_features(changes, record.answers, after)
    env = _merge_env(env_before, base, new, record.answers.get("database") == after.get("database"), lang)
    changes = [c for c in changes if c.path != ENV_NAME]
    return UpdatePlan(
        project,
        record,
        record.answers,
        {k: v for k, v in new.context.items() if not k.startswith("_")},
        record.template_version,
        version_after,
        _next_record(record, new),
        changes,
        env,
        env_before,
    )


def _edited_files_of_removed_features(
    changes: list[FileChange], before: dict[str, Any], after: dict[str, Any]
) -> list[FileChange]:
    """A file of a feature the update removes, which the team edited, is a conflict (kept as it is):
    removing the feature would drop the team's work, keeping it silently would leave the feature half there."""
    removed = [
        feature
        for feature in FEATURES
        if before.get(feature.key, BEFORE_FEATURES[feature.key]) and not after.get(feature.key)
    ]
    owned = {path for feature in removed for path in owned_files(feature.id, before)}
    return [replace(c, conflicted=True) if c.action == "kept" and c.path in owned else c for c in changes]


def _merge_env(ours: str, base: Rendering, new: Rendering, same_database: bool, lang: str) -> EnvMerge | None:
    """``.env`` by key: merged with the new render's, or, when the template stopped writing one,
    reduced to what still overrides something (None when there is nothing to do)."""
    base_env = base.files[ENV_NAME].data.decode() if ENV_NAME in base.files else ""
    if ENV_NAME in new.files:
        return merge_env(ours, base_env, new.files[ENV_NAME].data.decode(), lang)
    if ours and base_env and EXAMPLE_NAME in new.files:
        used = example_keys(new.files[EXAMPLE_NAME].data.decode())
        committed = parse(new.files[DEV_ENV_NAME].data.decode()) if DEV_ENV_NAME in new.files else {}
        return retire_env(ours, base_env, used, same_database, lang, committed)
    return None


def _slugged(declared: dict[str, str], before: dict[str, Any], after: dict[str, Any]) -> dict[str, str]:
    """Declared moves as rendered paths: the old path with the old package name, the new with the new."""
    slug = "{{cookiecutter.project_slug}}"
    old_slug, new_slug = str(before.get("project_slug", "")), str(after.get("project_slug", ""))
    return {old.replace(slug, old_slug): new.replace(slug, new_slug) for old, new in declared.items()}


def _skipped(record: Record, change: FileChange) -> bool:
    """Paths the record's ``skip`` list (cruft's) keeps out of updates: a file or a folder."""
    skip = record.data.get("skip") or []
    return any(change.path == entry or change.path.startswith(entry.rstrip("/") + "/") for entry in skip)


__all__ = ["DEV_ENV_NAME", "ENV_NAME", "EXAMPLE_NAME", "PENDING_NAME", "UpdatePlan", "VolumeChange", "check_clean", "plan_update", "volume_changes"]
