# Rasa: the official image, plus this project's pipeline components and plug-ins and the model.
# Build from the project folder after `make train`:
#   docker build -f docker/rasa.Dockerfile -t besliswijzer-rasa .
FROM rasa/rasa:3.6.21
WORKDIR /app
COPY nlu_components/ nlu_components/
COPY rasa_plugins/ rasa_plugins/
COPY models/ models/
ENV PYTHONPATH=/app
# The Helm chart passes `run` and its own arguments; see docker/helm/rasa-values.yaml.
