""".env merged by key: secrets kept, new keys with consistent fresh secrets, retired keys commented out."""

from __future__ import annotations

from newproj.update.envmerge import dev_values_from_env, example_keys, mask_secrets, merge_env, retire_env

SQLITE_OURS = """# secrets
DJANGO_SECRET_KEY=ours-secret
DJANGO_CSRF_TRUSTED_ORIGINS=http://localhost:8000
DATABASE_URL=sqlite:////data/db.sqlite3
TEAM_FLAG=1
"""
SQLITE_BASE = """# secrets
DJANGO_SECRET_KEY=base-secret
DJANGO_CSRF_TRUSTED_ORIGINS=http://localhost:8000
DATABASE_URL=sqlite:////data/db.sqlite3
"""
POSTGRES_THEIRS = """# secrets
DJANGO_SECRET_KEY=fresh-secret
DJANGO_CSRF_TRUSTED_ORIGINS=http://localhost:9000
DATABASE_URL=postgres://blog:fresh-pw@db:5432/blog
POSTGRES_DB=blog
POSTGRES_USER=blog
POSTGRES_PASSWORD=fresh-pw
"""


def test_existing_secrets_are_kept_and_new_keys_are_added_with_one_password() -> None:
    merged = merge_env(SQLITE_OURS, SQLITE_BASE, POSTGRES_THEIRS)
    assert merged.text == (
        "# secrets\n"
        "DJANGO_SECRET_KEY=ours-secret\n"
        "DJANGO_CSRF_TRUSTED_ORIGINS=http://localhost:9000\n"
        "DATABASE_URL=postgres://blog:fresh-pw@db:5432/blog\n"
        "TEAM_FLAG=1\n"
        "POSTGRES_DB=blog\n"
        "POSTGRES_USER=blog\n"
        "POSTGRES_PASSWORD=fresh-pw\n"
    )
    assert merged.added == ("POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD")


def test_the_url_takes_the_password_the_database_already_has() -> None:
    ours = "DATABASE_URL=postgres://blog:existing@db:5432/blog\nPOSTGRES_PASSWORD=existing\n"
    base = "DATABASE_URL=postgres://blog:base-pw@db:5432/blog\nPOSTGRES_PASSWORD=base-pw\n"
    theirs = "DATABASE_URL=postgres://blog:fresh@db:5433/blog\nPOSTGRES_PASSWORD=fresh\n"
    merged = merge_env(ours, base, theirs)
    assert merged.text == "DATABASE_URL=postgres://blog:existing@db:5433/blog\nPOSTGRES_PASSWORD=existing\n"


def test_keys_no_longer_used_are_commented_out_with_a_note() -> None:
    ours = "DATABASE_URL=postgres://blog:pw@db:5432/blog\nPOSTGRES_PASSWORD=pw\n"
    base = "DATABASE_URL=postgres://blog:b@db:5432/blog\nPOSTGRES_PASSWORD=b\n"
    theirs = "DATABASE_URL=mysql://blog:new@db:3306/blog\nMYSQL_PASSWORD=new\n"
    merged = merge_env(ours, base, theirs)
    assert merged.text == (
        "DATABASE_URL=mysql://blog:new@db:3306/blog\n"
        "# newproj update: no longer used with the current answers; kept for reference:\n"
        "# POSTGRES_PASSWORD=pw\n"
        "MYSQL_PASSWORD=new\n"
    )
    assert merged.retired == ("POSTGRES_PASSWORD",)


def test_the_note_is_korean_for_a_korean_interface() -> None:
    merged = merge_env("OLD_PASSWORD=x\n", "OLD_PASSWORD=y\n", "", "ko")
    assert merged.text == (
        "# newproj update: 지금의 답에서는 쓰지 않습니다. 참고용으로 남겨 둡니다:\n# OLD_PASSWORD=x\n"
    )


def test_a_value_the_team_changed_is_kept_even_when_the_template_changes_it() -> None:
    merged = merge_env("DJANGO_DEBUG=0\n", "DJANGO_DEBUG=1\n", "DJANGO_DEBUG=true\n")
    assert merged.text == "DJANGO_DEBUG=0\n"


def test_a_printed_diff_never_shows_a_secret() -> None:
    assert mask_secrets(POSTGRES_THEIRS) == (
        "# secrets\n"
        "DJANGO_SECRET_KEY=***\n"
        "DJANGO_CSRF_TRUSTED_ORIGINS=http://localhost:9000\n"
        "DATABASE_URL=postgres://blog:***@db:5432/blog\n"
        "POSTGRES_DB=blog\n"
        "POSTGRES_USER=blog\n"
        "POSTGRES_PASSWORD=***\n"
    )


RELEASE_ONE_ENV = """DJANGO_SECRET_KEY=team-secret
DJANGO_CSRF_TRUSTED_ORIGINS=http://localhost:8000
DATABASE_URL=postgres://blog:volume-pw@db:5432/blog
POSTGRES_PASSWORD=volume-pw
TEAM_FLAG=1
"""
RELEASE_ONE_BASE = """DJANGO_SECRET_KEY=base
DJANGO_CSRF_TRUSTED_ORIGINS=http://localhost:8000
DATABASE_URL=postgres://blog:base-pw@db:5432/blog
POSTGRES_PASSWORD=base-pw
"""
OVERRIDES_EXAMPLE = """# Optional personal overrides.
# DJANGO_SECRET_KEY=
# DJANGO_CSRF_TRUSTED_ORIGINS=http://localhost:9000
# POSTGRES_PASSWORD=
# DATABASE_URL=
"""


def test_when_the_template_stops_writing_env_only_overrides_that_matter_stay() -> None:
    assert example_keys(OVERRIDES_EXAMPLE) == {
        "DJANGO_SECRET_KEY",
        "DJANGO_CSRF_TRUSTED_ORIGINS",
        "POSTGRES_PASSWORD",
        "DATABASE_URL",
    }
    merged = retire_env(
        RELEASE_ONE_ENV, RELEASE_ONE_BASE, example_keys(OVERRIDES_EXAMPLE), same_database=True
    )
    assert merged.text == (
        "DJANGO_SECRET_KEY=team-secret\n"
        "# newproj update: the template now sets this value itself (see docker-compose.yml); uncomment to override:\n"
        "# DJANGO_CSRF_TRUSTED_ORIGINS=http://localhost:8000\n"
        "DATABASE_URL=postgres://blog:volume-pw@db:5432/blog\n"  # agrees with the kept password
        "POSTGRES_PASSWORD=volume-pw\n"
        "TEAM_FLAG=1\n"
    )


def test_a_new_database_lets_the_committed_url_apply_and_retires_the_old_keys() -> None:
    used = {"DJANGO_SECRET_KEY", "DJANGO_CSRF_TRUSTED_ORIGINS", "MYSQL_PASSWORD", "DATABASE_URL"}
    merged = retire_env(RELEASE_ONE_ENV, RELEASE_ONE_BASE, used, same_database=False)
    assert "# DATABASE_URL=postgres://blog:volume-pw@db:5432/blog\n" in merged.text
    assert (
        "# newproj update: no longer used with the current answers; kept for reference:\n"
        "# POSTGRES_PASSWORD=volume-pw\n"
    ) not in merged.text  # a secret is never touched
    assert merged.retired == ("DJANGO_CSRF_TRUSTED_ORIGINS", "DATABASE_URL")


RELEASE_ONE_POSTGRES = """DJANGO_SECRET_KEY=old-key
DJANGO_DEBUG=1
DATABASE_URL=postgres://blog:old-pw@db:5432/blog
POSTGRES_PASSWORD=old-pw
"""


def test_a_release_one_env_gives_its_development_values_to_the_committed_file() -> None:
    assert dev_values_from_env(RELEASE_ONE_POSTGRES) == {
        "__dev_secret_key": "old-key",
        "__dev_db_password": "old-pw",
    }
    assert dev_values_from_env("MARIADB_PASSWORD=m\nDJANGO_SECRET_KEY=\n") == {"__dev_db_password": "m"}


def test_values_moved_into_docker_dev_env_are_commented_out_and_others_kept() -> None:
    committed = {
        "DJANGO_SECRET_KEY": "old-key",
        "DATABASE_URL": "postgres://blog:old-pw@db:5432/blog",
        "POSTGRES_PASSWORD": "old-pw",
    }
    ours = RELEASE_ONE_POSTGRES + "POSTGRES_PASSWORD_TEAM=mine\n"
    merged = retire_env(ours, RELEASE_ONE_POSTGRES, {"DJANGO_DEBUG"}, True, "en", committed)
    note = "# newproj update: this value now lives in the committed docker/dev.env (the same value); kept for reference:"
    assert merged.text == (
        f"{note}\n# DJANGO_SECRET_KEY=old-key\n"
        "# newproj update: the template now sets this value itself (see docker-compose.yml); uncomment to override:\n"
        "# DJANGO_DEBUG=1\n"
        f"{note}\n# DATABASE_URL=postgres://blog:old-pw@db:5432/blog\n"
        f"{note}\n# POSTGRES_PASSWORD=old-pw\n"
        "POSTGRES_PASSWORD_TEAM=mine\n"
    )
    changed = retire_env(
        "POSTGRES_PASSWORD=team-pw\n", "POSTGRES_PASSWORD=old-pw\n", set(), True, "en", committed
    )
    assert changed.text == "POSTGRES_PASSWORD=team-pw\n"  # not the committed value: the team's own, kept
