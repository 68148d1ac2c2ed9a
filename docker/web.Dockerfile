# The web app (Flask under gunicorn): the widget page and POST /api/chat.
# Build from the project folder:  docker build -f docker/web.Dockerfile -t besliswijzer-web .
FROM python:3.10-slim
WORKDIR /app
# Only what the web app and the core import, at the versions of requirements.lock.
COPY requirements.lock ./
RUN pip install --no-cache-dir -c requirements.lock \
        flask flask-limiter gunicorn requests pyyaml sqlalchemy alembic psycopg2-binary redis rapidfuzz
COPY besliswijzer/ besliswijzer/
COPY web/ web/
COPY gunicorn.conf.py ./
# var/ holds the shared state of the gunicorn workers of one pod (docs/schaal.md).
RUN mkdir -p var && chown 10001 var
ENV PYTHONPATH=/app WEB_WORKERS=2
USER 10001
EXPOSE 8000
CMD ["sh", "-c", "exec gunicorn --bind 0.0.0.0:8000 --workers \"$WEB_WORKERS\" --threads 8 --timeout 60 'web:create_app()'"]
