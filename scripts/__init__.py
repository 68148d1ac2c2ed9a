"""The project's own tools, run from the project folder as `python -m scripts.NAME` (the Makefile does).

Each module is one tool; what two tools share lives in a module of its own that both import:

- generate_nlu, train_model, build_spacy_nl: prepare and train the Rasa model (`make train`);
- nlu_rapport, nlu_basislijn, nlu_results: the NLU quality gate and its committed baseline;
- nlu, nlu_data: label an inbox message as training data; reading and writing Rasa's files
  (bot/domain, data/nlu, the held-out sets), which the core never touches;
- test_summary: the closing table of `make test`;
- stack, wait_ready, opschonen, voorbeeldgesprekken: start the services, wait for them,
  clean up old conversations, play example conversations;
- cluster/: the production shape on one machine (`make run-cluster`).
"""
