"""What ``newproj serve`` says, in English and Korean: its messages (said through :func:`newproj.messages.t`),
the words of its page (:data:`PAGE`) and of the plain-text help ``curl`` gets (:data:`CURL_HELP`).

The model's own refusals (``AnswerError.message``) are used as they are: the service never rewords
them, so a refused parameter reads exactly as the refused flag does in a terminal.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "serve_given_twice": {
        "en": "{parameter} is given more than once; give it once",
        "ko": "{parameter} 이(가) 여러 번 주어졌습니다. 한 번만 주세요",
    },
    "serve_not_utf8": {
        "en": "the parameters are not UTF-8 text; encode them as UTF-8 (curl --data-urlencode does)",
        "ko": "매개변수가 UTF-8 텍스트가 아닙니다. UTF-8로 인코딩하세요 (curl --data-urlencode 가 해 줍니다)",
    },
    "serve_bad_json": {
        "en": 'the body is not a JSON object of parameters; send e.g. {{"name": "My Site"}}',
        "ko": '본문이 매개변수의 JSON 객체가 아닙니다. 예: {{"name": "My Site"}} 처럼 보내세요',
    },
    "serve_bad_json_value": {
        "en": "{parameter} must be text or a number in JSON, not {kind}; send it as a string",
        "ko": "{parameter} 은(는) JSON에서 텍스트나 숫자여야 합니다 ({kind} 아님). 문자열로 보내세요",
    },
    "serve_media_type": {
        "en": "a body of type {media_type} is not understood; send application/x-www-form-urlencoded or application/json",
        "ko": "{media_type} 형식의 본문은 읽을 수 없습니다. application/x-www-form-urlencoded 나 application/json 으로 보내세요",
    },
    "serve_too_large": {
        "en": "the request is larger than {limit} bytes; send fewer or shorter parameters",
        "ko": "요청이 {limit}바이트보다 큽니다. 매개변수를 줄이거나 짧게 보내세요",
    },
    "serve_too_many": {
        "en": "the request has more than {limit} parameters; send only the parameters of newproj init (GET / lists them)",
        "ko": "요청의 매개변수가 {limit}개보다 많습니다. newproj init 의 매개변수만 보내세요 (GET / 에 목록이 있습니다)",
    },
    "serve_not_unicode": {
        "en": "the JSON body holds text that is not valid Unicode (a lone surrogate such as \\udc80); send real characters",
        "ko": "JSON 본문에 올바른 유니코드가 아닌 텍스트(\\udc80 같은 짝 없는 서로게이트)가 있습니다. 실제 문자를 보내세요",
    },
    "serve_busy": {
        "en": "the service is busy ({limit} projects being made); retry in {seconds} s",
        "ko": "서비스가 바쁩니다 (프로젝트 {limit}개를 만드는 중). {seconds}초 뒤에 다시 시도하세요",
    },
    "serve_timeout": {
        "en": "making the project took longer than {seconds} s; retry in a moment",
        "ko": "프로젝트를 만드는 데 {seconds}초보다 오래 걸렸습니다. 잠시 뒤에 다시 시도하세요",
    },
    "serve_not_acceptable": {
        "en": "none of the accepted types is offered; ask for one of {types}",
        "ko": "요청한 형식을 줄 수 없습니다. {types} 중 하나를 요청하세요",
    },
    "serve_not_found": {
        "en": "no such page; see / for the API",
        "ko": "그런 페이지가 없습니다. / 에서 API를 확인하세요",
    },
    "serve_method": {
        "en": "{method} is not allowed here; use {allowed}",
        "ko": "여기서는 {method} 를 쓸 수 없습니다. {allowed} 를 쓰세요",
    },
    "serve_missing_extra": {
        "en": "newproj serve needs {module}, which is not installed; run pip install 'newproj[web]'",
        "ko": "newproj serve 에 필요한 {module} 이(가) 설치되어 있지 않습니다. pip install 'newproj[web]' 을 실행하세요",
    },
    "serve_cannot_listen": {
        "en": "cannot listen on {where}: {detail}; choose another --port or --host",
        "ko": "{where} 에서 받을 수 없습니다: {detail}. 다른 --port 나 --host 를 고르세요",
    },
    "serve_env_whole": {
        "en": "{variable} is '{value}', not a whole number; set it to one (the default is {default}) or unset it",
        "ko": "{variable} 이(가) '{value}' 라서 정수가 아닙니다. 정수로 정하거나 (기본값은 {default}) 지우세요",
    },
    "serve_env_seconds": {
        "en": "{variable} is '{value}', not a number of seconds; set it to one (the default is {default}) or unset it",
        "ko": "{variable} 이(가) '{value}' 라서 초 단위 숫자가 아닙니다. 숫자로 정하거나 (기본값은 {default}) 지우세요",
    },
    "serve_env_workers": {
        "en": "{variable} is '{value}', not process or thread; set it to one of them (the default is {default}) or unset it",
        "ko": "{variable} 이(가) '{value}' 라서 process 나 thread 가 아닙니다. 둘 중 하나로 정하거나 (기본값은 {default}) 지우세요",
    },
    "serve_listening": {
        "en": "newproj serve is listening on {url} (Ctrl+C stops it)",
        "ko": "newproj serve 가 {url} 에서 듣고 있습니다 (Ctrl+C 로 멈춥니다)",
    },
    "serve_failed": {
        "en": "the project could not be made ({detail}); retry, and report it if it persists",
        "ko": "프로젝트를 만들지 못했습니다 ({detail}). 다시 시도하고, 계속되면 알려 주세요",
    },
}

#: The page's own words (labels, buttons, warnings); the fields' words come from the answers model.
PAGE: dict[str, dict[str, str]] = {
    "title": {"en": "newproj: start a Django project", "ko": "newproj: Django 프로젝트 시작하기"},
    "intro": {
        "en": "Pick the answers, look at the files, download the project. It runs with docker compose up.",
        "ko": "답을 고르고, 파일을 살펴보고, 프로젝트를 내려받으세요. docker compose up 으로 바로 실행됩니다.",
    },
    "language": {"en": "Page language", "ko": "페이지 언어"},
    "answers": {"en": "Answers", "ko": "답"},
    "explore": {"en": "Explore the files", "ko": "파일 살펴보기"},
    "download_zip": {"en": "Download .zip", "ko": ".zip 내려받기"},
    "download_tgz": {"en": "Download .tar.gz", "ko": ".tar.gz 내려받기"},
    "shortcut": {"en": "Ctrl+Enter downloads the .zip.", "ko": "Ctrl+Enter 를 누르면 .zip 을 내려받습니다."},
    "invalid": {
        "en": "Fix the answers marked above to explore or download.",
        "ko": "위에 표시된 답을 고쳐야 살펴보거나 내려받을 수 있습니다.",
    },
    "files": {"en": "Files", "ko": "파일"},
    "file_hint": {"en": "Choose a file to read it.", "ko": "읽을 파일을 고르세요."},
    "binary": {"en": "(not text: {size} bytes)", "ko": "(텍스트가 아님: {size}바이트)"},
    "share": {"en": "Share link", "ko": "공유 링크"},
    "share_help": {
        "en": "Opening this link fills the form with these answers.",
        "ko": "이 링크를 열면 이 답들로 양식이 채워집니다.",
    },
    "copy": {"en": "Copy", "ko": "복사"},
    "copied": {"en": "Copied.", "ko": "복사했습니다."},
    "terminal": {"en": "The same in a terminal", "ko": "터미널에서 똑같이 하기"},
    "command": {"en": "Command line", "ko": "명령줄"},
    "answers_file": {
        "en": "Answers file (newproj init --answers newproj.yml)",
        "ko": "답 파일 (newproj init --answers newproj.yml)",
    },
    "warnings": {"en": "About this link", "ko": "이 링크에 대해"},
    "unknown_parameter": {
        "en": "The link has an answer this page does not know, {parameter}={value}; it was left out.",
        "ko": "링크에 이 페이지가 모르는 답 {parameter}={value} 이(가) 있어 뺐습니다.",
    },
    "unknown_choice": {
        "en": "The link's {label} {value} is not offered here; the default is used instead.",
        "ko": "링크의 {label} 값 {value} 은(는) 여기서 고를 수 없어 기본값을 씁니다.",
    },
    "unknown_yes_no": {
        "en": "The link's {label} {value} is neither yes nor no; the default is used instead.",
        "ko": "링크의 {label} 값 {value} 은(는) 예/아니오 값이 아니어서 기본값을 씁니다.",
    },
    "unreachable": {
        "en": "The service did not answer; the answers could not be checked. Try again in a moment.",
        "ko": "서비스가 응답하지 않아 답을 확인하지 못했습니다. 잠시 뒤에 다시 시도하세요.",
    },
    "service_status": {
        "en": "The service answered {status}; the answers could not be checked. Try again in a moment.",
        "ko": "서비스가 {status} 로 응답해 답을 확인하지 못했습니다. 잠시 뒤에 다시 시도하세요.",
    },
    "warning": {"en": "Note", "ko": "참고"},
    "none": {"en": "(none)", "ko": "(없음)"},
    "noscript": {
        "en": "This page needs JavaScript. Without it, use the API: curl {url}",
        "ko": "이 페이지는 JavaScript가 필요합니다. 없으면 API를 쓰세요: curl {url}",
    },
}

#: The plain-text help of ``GET /`` for curl and HTTPie (the table's rows come from the model).
CURL_HELP: dict[str, dict[str, str]] = {
    "title": {
        "en": "newproj: a Django project that runs in Docker on the first try.",
        "ko": "newproj: 처음부터 Docker에서 바로 도는 Django 프로젝트.",
    },
    "intro": {
        "en": "This service makes the same project as `newproj init`. Download one with curl:",
        "ko": "이 서비스는 `newproj init` 과 같은 프로젝트를 만듭니다. curl로 내려받으세요:",
    },
    "parameters": {
        "en": "Parameters (the flags of `newproj init`, without the dashes):",
        "ko": "매개변수 (`newproj init` 의 플래그에서 대시를 뺀 이름):",
    },
    "head_parameter": {
        "en": "Parameter",
        "ko": "Parameter",
    },
    "head_default": {
        "en": "Default",
        "ko": "Default",
    },
    "head_description": {
        "en": "Description",
        "ko": "설명",
    },
    "choices": {
        "en": "one of",
        "ko": "고를 수 있는 값",
    },
    "derived": {
        "en": "(answer): the default follows that earlier answer.",
        "ko": "(답): 기본값이 그 앞의 답에 따라 정해집니다.",
    },
    "examples": {
        "en": "Examples:",
        "ko": "예:",
    },
    "default": {
        "en": "A default project, unpacked into ./my_django_project:",
        "ko": "기본 프로젝트를 ./my_django_project 에 풉니다:",
    },
    "custom": {
        "en": "A project with MySQL on port 9000, as a zip named after its package:",
        "ko": "MySQL, 포트 9000 프로젝트를 패키지 이름의 zip으로 받습니다:",
    },
    "post": {
        "en": "With POST and a JSON body, saved as class_demo.tgz:",
        "ko": "POST와 JSON 본문으로 보내 class_demo.tgz 로 저장합니다:",
    },
    "metadata": {
        "en": "The metadata (every field, choice and rule) as JSON:",
        "ko": "메타데이터(모든 항목, 선택지, 규칙)를 JSON으로 받습니다:",
    },
    "errors": {
        "en": "A refused parameter gets 400 and a JSON list of the problems, in the words of the CLI.",
        "ko": "받아들일 수 없는 매개변수는 400과 문제 목록(JSON)을 받습니다. 문구는 CLI와 같습니다.",
    },
}
