"""What ``newproj update`` says, in English and Korean, and the notes it writes into ``.env``."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "update_not_dir": {
        "en": "{path} is not a folder; give the folder of a project made by newproj",
        "ko": "{path} 은(는) 폴더가 아닙니다. newproj 로 만든 프로젝트 폴더를 주세요",
    },
    "update_no_record": {
        "en": "{path} has no .cruft.json, so it is no project made by newproj; run newproj update in a generated project",
        "ko": "{path} 에 .cruft.json 이 없어 newproj 로 만든 프로젝트가 아닙니다. 만든 프로젝트 안에서 newproj update 를 실행하세요",
    },
    "update_bad_record": {
        "en": "{path} cannot be read ({detail}); restore it from version control",
        "ko": "{path} 을(를) 읽을 수 없습니다 ({detail}). 버전 관리에서 되살리세요",
    },
    "update_not_newproj": {
        "en": "{path} records another template, not newproj's Django template; use the tool that made it",
        "ko": "{path} 은(는) newproj 의 Django 템플릿이 아닌 다른 템플릿의 기록입니다. 그 프로젝트를 만든 도구를 쓰세요",
    },
    "update_unknown_release": {
        "en": "the project was made with template release {version}, which this newproj does not carry "
        "(it has {known}); install a newproj that has it",
        "ko": "이 프로젝트는 템플릿 릴리스 {version} 으로 만들어졌는데 이 newproj 에는 그 릴리스가 없습니다 "
        "({known} 만 있음). 그 릴리스가 있는 newproj 를 설치하세요",
    },
    "update_dirty": {
        "en": "{path} has uncommitted changes ({files}); commit them or put them aside with git stash first, "
        "or pass --allow-dirty",
        "ko": "{path} 에 커밋하지 않은 변경이 있습니다 ({files}). 먼저 커밋하거나 git stash 로 치워 두세요. "
        "아니면 --allow-dirty 를 주세요",
    },
    "update_pending": {
        "en": "an update is waiting for its conflicts to be resolved ({path}); resolve them and run newproj "
        "update with no answer flags, or delete that file to abandon it",
        "ko": "충돌 해결을 기다리는 업데이트가 있습니다 ({path}). 충돌을 해결하고 답 플래그 없이 newproj update 를 "
        "실행하거나, 그만두려면 그 파일을 지우세요",
    },
    "update_unreadable": {
        "en": "could not read {path}: {detail}; check its permissions",
        "ko": "{path} 을(를) 읽지 못했습니다: {detail}. 권한을 확인하세요",
    },
    "update_no_git": {
        "en": "git merge-file is needed to merge and failed ({detail}); install git",
        "ko": "병합에 git merge-file 이 필요한데 실패했습니다 ({detail}). git 을 설치하세요",
    },
    "update_done": {
        "en": "Updated {path} to template release {version}: {changed} changed, {added} added, {removed} removed.",
        "ko": "{path} 을(를) 템플릿 릴리스 {version} 으로 업데이트했습니다: 바뀜 {changed}, 추가 {added}, 삭제 {removed}.",
    },
    "update_nothing": {
        "en": "{path} is up to date with template release {version}; nothing to change.",
        "ko": "{path} 은(는) 템플릿 릴리스 {version} 과 같습니다. 바꿀 것이 없습니다.",
    },
    "update_finished": {
        "en": "Conflicts resolved; recorded the update in .cruft.json.",
        "ko": "충돌이 해결되어 업데이트를 .cruft.json 에 기록했습니다.",
    },
    "update_conflicts": {
        "en": "{count} file(s) left in conflict; resolve them, then run newproj update again (.cruft.json was not advanced):",
        "ko": "파일 {count}개가 충돌로 남았습니다. 해결한 뒤 newproj update 를 다시 실행하세요 (.cruft.json 은 그대로입니다):",
    },
    "update_would_conflict": {
        "en": "{count} file(s) would be left in conflict; a real run writes them with conflict markers to resolve:",
        "ko": "파일 {count}개가 충돌로 남게 됩니다. 실제로 실행하면 충돌 표시와 함께 써 두니 해결하면 됩니다:",
    },
    "update_conflict_file": {"en": "conflict: {path}", "ko": "충돌: {path}"},
    "update_conflict_removed": {
        "en": "conflict: {path} belongs to a feature this update removes, but your project changed it; "
        "delete it or keep it, then run newproj update again",
        "ko": "충돌: {path} 은(는) 이 업데이트가 빼는 기능의 파일이지만 프로젝트에서 고쳤습니다. "
        "지우거나 남긴 뒤 newproj update 를 다시 실행하세요",
    },
    "update_kept": {
        "en": "kept {path}: the template dropped it, but your project changed it",
        "ko": "{path} 은(는) 템플릿에서 빠졌지만 프로젝트에서 고쳤으므로 남겨 두었습니다",
    },
    "update_env": {
        "en": ".env: added {added}; commented out {retired}",
        "ko": ".env: 추가 {added}, 주석 처리 {retired}",
    },
    "env_note_default": {
        "en": "# newproj update: the template now sets this value itself (see docker-compose.yml); uncomment to override:",
        "ko": "# newproj update: 이제 템플릿이 이 값을 직접 정합니다 (docker-compose.yml 참고). 바꾸려면 주석을 푸세요:",
    },
    "env_note_moved": {
        "en": "# newproj update: this value now lives in the committed docker/dev.env (the same value); kept for reference:",
        "ko": "# newproj update: 이 값은 이제 커밋되는 docker/dev.env 에 있습니다 (같은 값). 참고용으로 남겨 둡니다:",
    },
    "env_note_unused": {
        "en": "# newproj update: no longer used with the current answers; kept for reference:",
        "ko": "# newproj update: 지금의 답에서는 쓰지 않습니다. 참고용으로 남겨 둡니다:",
    },
    "update_summary_title": {
        "en": "newproj will update {path} from template release {before} to {after}:",
        "ko": "newproj 가 {path} 을(를) 템플릿 릴리스 {before} 에서 {after} 로 업데이트합니다:",
    },
    "update_summary_same_answers": {"en": "answers unchanged", "ko": "답은 그대로"},
    "update_summary_files": {"en": "Files ({count}):", "ko": "파일 ({count}개):"},
    "update_action_changed": {"en": "changed", "ko": "바뀜"},
    "update_action_added": {"en": "added", "ko": "추가"},
    "update_action_removed": {"en": "removed", "ko": "삭제"},
    "update_action_renamed": {"en": "renamed", "ko": "이름 바뀜"},
    "update_action_conflict": {"en": "conflict", "ko": "충돌"},
    "update_confirm": {"en": "Apply this update?", "ko": "이 업데이트를 적용할까요?"},
    "update_volume_slug": {
        "en": "the {database} volume was set up for the user and database {old}, and keeps them: as {new}, "
        "Django cannot log in",
        "ko": "{database} 볼륨은 사용자와 데이터베이스 {old} 로 만들어졌고 그대로 남습니다: {new} 로는 Django 가 "
        "로그인하지 못합니다",
    },
    "update_volume_version": {
        "en": "the {database} volume holds {database} {old} data, which the {database} {new} server may refuse",
        "ko": "{database} 볼륨에는 {database} {old} 데이터가 있어 {database} {new} 서버가 거부할 수 있습니다",
    },
    "update_volume_engine": {
        "en": "the {old} data stays in its own volume; {new} starts with an empty database",
        "ko": "{old} 데이터는 원래 볼륨에 남고 {new} 는 빈 데이터베이스로 시작합니다",
    },
    "update_volume_fix": {
        "en": "to keep the data, dump it with the files as they were (before this update, or after git stash): "
        "docker compose run --rm web python manage.py dumpdata -o data.json; with the updated files: "
        "docker compose down -v, docker compose run --rm web python manage.py migrate, "
        "docker compose run --rm web python manage.py loaddata data.json; if the data may go: docker compose down -v",
        "ko": "데이터를 지키려면 업데이트 전 파일로(업데이트하기 전이나 git stash 뒤에) "
        "docker compose run --rm web python manage.py dumpdata -o data.json 으로 덤프하고, 업데이트된 파일로 "
        "docker compose down -v, docker compose run --rm web python manage.py migrate, "
        "docker compose run --rm web python manage.py loaddata data.json 을 실행하세요. "
        "데이터가 없어져도 되면: docker compose down -v",
    },
}
