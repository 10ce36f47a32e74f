-- {{ "애플리케이션 사용자가 Django 테스트 데이터베이스를 만들고 지울 수 있게 합니다" if cookiecutter.language == 'ko' else "Let the application user create and drop Django's test database" }}
GRANT ALL PRIVILEGES ON `test_{{ cookiecutter.project_slug }}`.*
    TO '{{ cookiecutter.project_slug }}'@'%';
