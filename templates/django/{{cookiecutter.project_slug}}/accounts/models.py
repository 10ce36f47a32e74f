{%- set ko = cookiecutter.language == 'ko' -%}
from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """{{ "이 프로젝트의 사용자. 필드는 여기에 더하고 makemigrations 하세요" if ko else "This project's user: add fields here, then run makemigrations" }}.

    {{ "처음부터 직접 정의한 모델이라, 나중에 필드를 더해도 auth.User 에서 옮기는 고생이 없습니다." if ko else "Defined from the first migration, so adding a field later needs no move away from auth.User." }}
    """
