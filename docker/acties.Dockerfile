# The action server: Rasa's official rasa-sdk image plus the besliswijzer core and actions/.
# Build from the project folder:  docker build -f docker/acties.Dockerfile -t besliswijzer-acties .
FROM rasa/rasa-sdk:3.6.2
WORKDIR /app
USER root
COPY requirements.lock ./
RUN pip install --no-cache-dir -c requirements.lock sqlalchemy alembic pyyaml rapidfuzz psycopg2-binary
COPY besliswijzer/ besliswijzer/
COPY actions/ actions/
ENV PYTHONPATH=/app
USER 1001
EXPOSE 5055
# The image's entrypoint starts the action server: `start --actions actions`.
CMD ["start", "--actions", "actions"]
