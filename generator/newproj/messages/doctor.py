"""What ``newproj doctor`` says, in English and Korean: one detail and one fix per finding."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "doctor_not_dir": {
        "en": "{path} is not a folder; give the folder of a project, or no path to check this machine only",
        "ko": "{path} 은(는) 폴더가 아닙니다. 프로젝트 폴더를 주거나, 이 컴퓨터만 점검하려면 경로를 빼세요",
    },
    # status labels and the summary
    "status_ok": {"en": "ok", "ko": "정상"},
    "status_problem": {"en": "problem", "ko": "문제"},
    "status_skipped": {"en": "skipped", "ko": "건너뜀"},
    "fix_label": {"en": "fix", "ko": "해결"},
    "summary_ready": {"en": "ready: nothing to fix", "ko": "준비 완료: 고칠 것이 없습니다"},
    "summary_problems": {"en": "{count} to fix", "ko": "고칠 것 {count}개"},
    # engine
    "engine_ok": {"en": "Docker Engine {version} answers", "ko": "Docker Engine {version} 이(가) 응답합니다"},
    "engine_no_client": {"en": "no docker command on PATH", "ko": "PATH 에 docker 명령이 없습니다"},
    "engine_no_client_fix": {
        "en": "install Docker Engine (Linux) or Docker Desktop",
        "ko": "Docker Engine(Linux) 이나 Docker Desktop 을 설치하세요",
    },
    "engine_permission": {
        "en": "permission denied on the Docker socket",
        "ko": "Docker 소켓에 접근할 권한이 없습니다",
    },
    "engine_permission_fix": {
        "en": "sudo usermod -aG docker $USER, then log out and in again",
        "ko": "sudo usermod -aG docker $USER 실행 후 로그아웃했다가 다시 로그인하세요",
    },
    "engine_down": {"en": "the Docker Engine does not answer", "ko": "Docker Engine 이 응답하지 않습니다"},
    "engine_down_fix": {
        "en": "start it: sudo systemctl start docker, or open Docker Desktop",
        "ko": "엔진을 시작하세요: sudo systemctl start docker 또는 Docker Desktop 실행",
    },
    # compose
    "compose_plugin": {
        "en": "Compose v2 plugin {version}: docker compose up --wait works",
        "ko": "Compose v2 플러그인 {version}: docker compose up --wait 를 쓸 수 있습니다",
    },
    "compose_standalone": {
        "en": "standalone Compose v2 {version}: type docker-compose for docker compose; up --wait works",
        "ko": "단독 실행형 Compose v2 {version}: docker compose 대신 docker-compose 를 쓰세요. up --wait 도 됩니다",
    },
    "compose_v1": {
        "en": "Compose {version} (docker-compose): the project runs; no --wait, check health with docker-compose ps",
        "ko": "Compose {version} (docker-compose): 프로젝트는 돌아갑니다. --wait 는 없으니 docker-compose ps 로 "
        "상태를 보세요",
    },
    "compose_old": {
        "en": "Compose {version} is older than 1.29 and cannot read this compose file",
        "ko": "Compose {version} 은(는) 1.29 보다 오래되어 이 compose 파일을 읽지 못합니다",
    },
    "compose_missing": {"en": "no Docker Compose found", "ko": "Docker Compose 가 없습니다"},
    "compose_fix": {
        "en": "install the Compose v2 plugin (package docker-compose-plugin, or Docker Desktop)",
        "ko": "Compose v2 플러그인을 설치하세요 (docker-compose-plugin 패키지 또는 Docker Desktop)",
    },
    # buildkit
    "buildkit_buildx": {"en": "BuildKit through docker buildx {version}", "ko": "docker buildx {version} 로 BuildKit"},
    "buildkit_engine": {
        "en": "BuildKit is built into Engine {version}; Compose uses it (no buildx plugin)",
        "ko": "BuildKit 이 Engine {version} 에 들어 있고 Compose 가 씁니다 (buildx 플러그인 없음)",
    },
    "buildkit_not_needed": {
        "en": "not needed: the Dockerfile has no BuildKit-only instruction, any builder builds it",
        "ko": "필요 없음: Dockerfile 에 BuildKit 전용 명령이 없어 어떤 빌더로도 빌드됩니다",
    },
    "buildkit_disabled": {
        "en": "DOCKER_BUILDKIT=0 turns BuildKit off",
        "ko": "DOCKER_BUILDKIT=0 이 BuildKit 을 끕니다",
    },
    "buildkit_disabled_fix": {
        "en": "unset DOCKER_BUILDKIT (or set it to 1)",
        "ko": "DOCKER_BUILDKIT 를 지우거나 1 로 설정하세요",
    },
    "buildkit_old": {
        "en": "Engine {version} predates BuildKit (18.09)",
        "ko": "Engine {version} 은(는) BuildKit(18.09) 보다 오래되었습니다",
    },
    "buildkit_old_fix": {
        "en": "upgrade Docker Engine, or install the docker-buildx-plugin package",
        "ko": "Docker Engine 을 업그레이드하거나 docker-buildx-plugin 패키지를 설치하세요",
    },
    "build_subject": {"en": "the Dockerfile", "ko": "Dockerfile"},
    "build_subject_template": {
        "en": "the Dockerfile of the projects newproj writes",
        "ko": "newproj 가 만드는 프로젝트의 Dockerfile",
    },
    "build_classic": {
        "en": "{subject} needs no BuildKit-only feature; any builder builds it",
        "ko": "{subject} 이 BuildKit 전용 기능을 쓰지 않아 어느 빌더로도 빌드됩니다",
    },
    "build_buildkit": {
        "en": "{subject} uses {features}; {command} builds it with BuildKit",
        "ko": "{subject} 이 {features} 를 쓰고, {command} 가 BuildKit 으로 빌드합니다",
    },
    "build_v1_classic": {
        "en": "{subject} uses {features}, which Compose 1.29 cannot build without buildx (classic builder)",
        "ko": "{subject} 이 {features} 를 쓰는데, Compose 1.29 는 buildx 없이는 빌드하지 못합니다 (기존 빌더)",
    },
    "build_v1_classic_fix": {
        "en": "install the Compose v2 plugin (docker-compose-plugin), or docker-buildx-plugin and set "
        "COMPOSE_DOCKER_CLI_BUILD=1 DOCKER_BUILDKIT=1",
        "ko": "Compose v2 플러그인(docker-compose-plugin)을 설치하거나, docker-buildx-plugin 을 설치하고 "
        "COMPOSE_DOCKER_CLI_BUILD=1 DOCKER_BUILDKIT=1 을 설정하세요",
    },
    "build_v1_env": {
        "en": "{subject} uses {features}; docker-compose 1.29 uses the classic builder unless told otherwise",
        "ko": "{subject} 이 {features} 를 쓰는데, docker-compose 1.29 는 따로 설정하지 않으면 기존 빌더를 씁니다",
    },
    "build_v1_cli": {
        "en": "{subject} uses {features}; docker-compose builds it through docker buildx",
        "ko": "{subject} 이 {features} 를 쓰고, docker-compose 가 docker buildx 로 빌드합니다",
    },
    "build_v1_cli_builtin": {
        "en": "{subject} uses {features}; docker-compose builds it through docker CLI {version}, "
        "which has BuildKit built in",
        "ko": "{subject} 이 {features} 를 쓰고, docker-compose 가 BuildKit 이 들어 있는 docker CLI {version} 으로 "
        "빌드합니다",
    },
    "build_v1_cli_fix": {
        "en": "set COMPOSE_DOCKER_CLI_BUILD=1 DOCKER_BUILDKIT=1 for docker-compose builds",
        "ko": "docker-compose 로 빌드할 때 COMPOSE_DOCKER_CLI_BUILD=1 DOCKER_BUILDKIT=1 을 설정하세요",
    },
    "needs_engine": {"en": "needs a reachable Docker Engine", "ko": "응답하는 Docker Engine 이 필요합니다"},
    # port
    "port_free": {"en": "port {port} is free on this machine", "ko": "포트 {port} 이(가) 비어 있습니다"},
    "port_taken": {
        "en": "port {port} is already in use on this machine",
        "ko": "포트 {port} 을(를) 이 컴퓨터에서 이미 쓰고 있습니다",
    },
    "port_taken_fix": {
        "en": "stop what uses it (docker compose down, if it is this project already running)",
        "ko": "그 프로그램을 멈추세요 (이 프로젝트가 이미 돌고 있다면 docker compose down)",
    },
    "no_project": {
        "en": "no docker-compose.yml in {path}: the project checks are skipped",
        "ko": "{path} 에 docker-compose.yml 이 없어 프로젝트 점검은 건너뜁니다",
    },
    # disk
    "disk_ok": {"en": "{free} GB free on {path}", "ko": "{path} 에 {free} GB 남아 있습니다"},
    "disk_low": {
        "en": "only {free} GB free on {path}; images and volumes need about {need} GB",
        "ko": "{path} 에 {free} GB 만 남았습니다. 이미지와 볼륨에 약 {need} GB 가 필요합니다",
    },
    "disk_low_fix": {
        "en": "free some space, e.g. docker system prune",
        "ko": "공간을 비우세요 (예: docker system prune)",
    },
    # project files
    "compose_resolves": {"en": "{command} config resolves the file", "ko": "{command} config 가 파일을 읽습니다"},
    "compose_refused": {"en": "{command} config refuses the file: {error}", "ko": "{command} config 가 파일을 거부합니다: {error}"},
    "compose_refused_fix": {
        "en": "fix docker-compose.yml (or the .env line) the message names",
        "ko": "메시지가 가리키는 docker-compose.yml (또는 .env 줄)을 고치세요",
    },
    "needs_compose": {"en": "needs Docker Compose", "ko": "Docker Compose 가 필요합니다"},
    "lf_ok": {"en": "every shell script ({count}) has LF line endings", "ko": "셸 스크립트 {count}개 모두 LF 줄 끝입니다"},
    "lf_crlf": {
        "en": "{files} has Windows (CRLF) line endings; the container fails with /bin/sh^M",
        "ko": "{files} 이(가) Windows(CRLF) 줄 끝이라 컨테이너가 /bin/sh^M 로 실패합니다",
    },
    "lf_crlf_fix_git": {
        "en": "git add --renormalize -- {files} && rm -- {files} && git checkout -- {files} "
        "(keeps your edits: git stages them with LF, then writes the file again with LF, as .gitattributes says)",
        "ko": "git add --renormalize -- {files} && rm -- {files} && git checkout -- {files} 를 실행하세요 "
        "(고친 내용은 남습니다: git 이 LF 로 스테이징한 뒤 .gitattributes 에 따라 파일을 LF 로 다시 씁니다)",
    },
    "lf_crlf_fix_convert": {
        "en": "save {files} with LF line endings in your editor, or run perl -pi -e 's/\\r$//' {files}",
        "ko": "편집기에서 {files} 을(를) LF 줄 끝으로 저장하거나 perl -pi -e 's/\\r$//' {files} 를 실행하세요",
    },
    "env_absent": {
        "en": "no .env: the committed development values (docker/dev.env) and compose defaults apply",
        "ko": ".env 가 없습니다: 커밋된 개발용 값(docker/dev.env)과 compose 기본값을 씁니다",
    },
    "env_ok": {
        "en": ".env overrides {names}, consistently",
        "ko": ".env 가 {names} 을(를) 어긋남 없이 덮어씁니다",
    },
    "env_nothing": {"en": ".env overrides nothing", "ko": ".env 가 덮어쓰는 값이 없습니다"},
    "env_unknown": {
        "en": ".env sets {name}, which docker-compose.yml does not read",
        "ko": ".env 의 {name} 은(는) docker-compose.yml 이 읽지 않는 값입니다",
    },
    "env_unknown_fix": {
        "en": "remove the line (a secret key or password goes in docker/dev.env), or add ${{{name}:-...}} to a service's environment",
        "ko": "그 줄을 지우거나 (비밀 키와 비밀번호는 docker/dev.env 에) 서비스의 environment 에 ${{{name}:-...}} 를 추가하세요",
    },
    "env_no_project_name": {
        "en": "Compose cannot name the project after the folder {folder!r} (no ASCII letter or digit), and .env does not name it",
        "ko": "폴더 {folder!r} 에는 ASCII 글자나 숫자가 없어 Compose 가 프로젝트 이름을 지을 수 없고, .env 도 이름을 정하지 않습니다",
    },
    "env_no_project_name_fix": {
        "en": "add the line COMPOSE_PROJECT_NAME={name} to .env (or clone into a folder whose name has an ASCII letter or digit)",
        "ko": ".env 에 COMPOSE_PROJECT_NAME={name} 줄을 추가하세요 (또는 ASCII 글자나 숫자가 있는 이름의 폴더에 클론하세요)",
    },
    "env_empty": {"en": ".env sets {name} to an empty value", "ko": ".env 의 {name} 값이 비어 있습니다"},
    "env_empty_fix": {
        "en": "give {name} a value or delete the line (the committed value applies)",
        "ko": "{name} 에 값을 주거나 그 줄을 지우세요 (커밋된 값을 씁니다)",
    },
    "env_mismatch": {
        "en": "the {part} in DATABASE_URL differs from {name}",
        "ko": "DATABASE_URL 의 {part} 이(가) {name} 와(과) 다릅니다",
    },
    "env_mismatch_fix": {
        "en": "make them the same value in docker/dev.env (then docker compose down -v if the database volume has the old one)",
        "ko": "docker/dev.env 에서 둘을 같은 값으로 맞추세요 (볼륨에 예전 값이 있으면 docker compose down -v)",
    },
    "part_password": {"en": "password", "ko": "비밀번호"},
    "part_user": {"en": "user", "ko": "사용자"},
}
