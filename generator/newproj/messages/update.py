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
        "en": "{path} has uncommitted changes; commit or stash them first, or pass --allow-dirty",
        "ko": "{path} 에 커밋하지 않은 변경이 있습니다. 먼저 커밋하거나 stash 하세요. 아니면 --allow-dirty 를 주세요",
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
        "en": "{count} file(s) have conflict markers; resolve them, then run newproj update again (.cruft.json was not advanced):",
        "ko": "파일 {count}개에 충돌 표시가 있습니다. 해결한 뒤 newproj update 를 다시 실행하세요 (.cruft.json 은 그대로입니다):",
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
}
