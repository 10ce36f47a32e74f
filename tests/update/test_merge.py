"""The merge rules, one test each, on small in-memory trees (no template involved)."""

from __future__ import annotations

from newproj.render.engine import RenderedFile
from newproj.update.merge import find_renames, merge3, merge_trees

BASE = b"one\ntwo\nthree\nfour\nfive\nsix\nseven\n"


def tree(**files: bytes) -> dict[str, RenderedFile]:
    return {
        name.replace("__", "/").replace("_dot_", "."): RenderedFile(data, 0o644)
        for name, data in files.items()
    }


def on_disk(files: dict[str, bytes]):
    return files.get


def test_a_change_on_one_side_applies_and_both_sides_combine() -> None:
    ours = BASE.replace(b"one", b"ONE (team)")
    theirs = BASE.replace(b"seven", b"SEVEN (template)")
    merged = merge3(ours, BASE, theirs)
    assert merged.data == b"ONE (team)\ntwo\nthree\nfour\nfive\nsix\nSEVEN (template)\n"
    assert not merged.conflicted


def test_a_file_only_the_team_changed_is_left_alone() -> None:
    changes = merge_trees(tree(a=BASE), tree(a=BASE), on_disk({"a": b"team's own\n"}), {})
    assert changes == []


def test_overlapping_changes_get_markers_inside_the_file() -> None:
    ours = BASE.replace(b"four", b"four (team)")
    theirs = BASE.replace(b"four", b"four (template)")
    changes = merge_trees(tree(a=BASE), tree(a=theirs), on_disk({"a": ours}), {})
    assert [(c.path, c.action, c.conflicted) for c in changes] == [("a", "changed", True)]
    assert changes[0].data == (
        b"one\ntwo\nthree\n"
        b"<<<<<<< your project\nfour (team)\n=======\nfour (template)\n>>>>>>> newproj update\n"
        b"five\nsix\nseven\n"
    )


def test_a_file_the_template_adds_is_created() -> None:
    changes = merge_trees(tree(), tree(new=b"new file\n"), on_disk({}), {})
    assert [(c.path, c.action, c.data) for c in changes] == [("new", "added", b"new file\n")]


def test_a_file_the_template_drops_is_removed_when_the_team_never_changed_it() -> None:
    changes = merge_trees(tree(old=BASE), tree(), on_disk({"old": BASE}), {})
    assert [(c.path, c.action) for c in changes] == [("old", "removed")]


def test_a_file_the_template_drops_is_kept_when_the_team_changed_it() -> None:
    changes = merge_trees(tree(old=BASE), tree(), on_disk({"old": BASE + b"team line\n"}), {})
    assert [(c.path, c.action, c.data) for c in changes] == [("old", "kept", None)]


def test_a_template_rename_carries_the_teams_edit_to_the_new_path() -> None:
    theirs = BASE.replace(b"seven", b"seven, renamed")
    ours = BASE.replace(b"two", b"two (team)")
    changes = merge_trees(
        tree(docker__old_dot_sh=BASE), tree(docker__new_dot_sh=theirs), on_disk({"docker/old.sh": ours}), {}
    )
    assert [(c.path, c.action, c.source) for c in changes] == [("docker/new.sh", "renamed", "docker/old.sh")]
    assert changes[0].data == BASE.replace(b"two", b"two (team)").replace(b"seven", b"seven, renamed")


def test_a_declared_rename_wins_even_when_the_content_changed_entirely() -> None:
    moves = find_renames(tree(a=b"x\n"), tree(b=b"completely different\n"), {"a": "b"})
    assert moves == {"a": "b"}
    assert find_renames(tree(a=b"x\n"), tree(b=b"completely different\n"), {}) == {}


def test_a_file_the_team_deleted_stays_deleted() -> None:
    theirs = BASE.replace(b"one", b"ONE")
    assert merge_trees(tree(gone=BASE), tree(gone=theirs), on_disk({}), {}) == []


def test_a_file_the_team_deleted_stays_deleted_when_the_template_renames_it() -> None:
    assert merge_trees(tree(old=BASE), tree(new=BASE + b"x\n"), on_disk({}), {}) == []


def test_a_file_the_template_adds_where_the_team_has_one_shows_both_sides() -> None:
    changes = merge_trees(tree(), tree(notes=b"template\n"), on_disk({"notes": b"team\n"}), {})
    assert [(c.path, c.action, c.conflicted) for c in changes] == [("notes", "changed", True)]
    assert b"team\n" in changes[0].data and b"template\n" in changes[0].data


def test_look_alike_files_pair_by_name_and_path() -> None:
    base = tree(blog__init_dot_py=b"", blog__settings__init_dot_py=b"", blog__urls_dot_py=b"urls\n")
    theirs = tree(news__init_dot_py=b"", news__settings__init_dot_py=b"", news__urls_dot_py=b"urls\n")
    assert find_renames(base, theirs, {}) == {
        "blog/init.py": "news/init.py",
        "blog/settings/init.py": "news/settings/init.py",
        "blog/urls.py": "news/urls.py",
    }
