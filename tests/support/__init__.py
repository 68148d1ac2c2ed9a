"""Helpers shared by the test folders (fixtures live in the conftest.py files, not here).

Import from the module that owns the helper:

- ci: `need` skips a test whose prerequisite is missing on a laptop and fails it in CI
- actions: trackers and a dispatcher to run a custom action as the action server does
- advice: a test profile and a reader of advice payloads
- cases: the invented example cases, a case file to import, answers to the assessment
- cli: the command line as a subprocess or in-process
- contract: the outside contract's vocabulary (a copy of vocabulary.yml)
- database: a case database's schema version and row counts
- rasa_double: a real HTTP server that answers like Rasa's REST channel
- widget_driver: the chat widget driven by keyboard in a real browser
"""
