# Rasa: the official image, plus this project's pipeline components and plug-ins and the model.
# Build from the project folder after `make train` (which also builds var/spacy-nl):
#   docker build -f docker/rasa.Dockerfile -t besliswijzer-rasa .
FROM rasa/rasa:3.6.21
WORKDIR /app
# The pipeline's last step (nlu_components/catalogue_entities.py) needs the catalogue's matching:
# rapidfuzz and spaCy's Dutch lookup lemmas; spaCy itself for trying SpacyNLP with var/spacy-nl.
# Same versions as requirements.lock.
USER root
COPY requirements.lock /tmp/requirements.lock
RUN pip install --no-cache-dir $(grep -E '^(spacy|spacy-legacy|spacy-loggers|spacy-lookups-data|rapidfuzz|thinc|srsly)==' /tmp/requirements.lock) \
    && rm /tmp/requirements.lock
USER 1001
COPY besliswijzer/ besliswijzer/
COPY nlu_components/ nlu_components/
COPY rasa_plugins/ rasa_plugins/
COPY var/spacy-nl/ var/spacy-nl/
COPY models/ models/
ENV PYTHONPATH=/app
# The Helm chart passes `run` and its own arguments; see docker/helm/rasa-values.yaml.
