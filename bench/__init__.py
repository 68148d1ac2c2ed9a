"""Speed measurements, run from the project folder as `python -m bench.NAME` (`make bench`).

bench_advice times the advice engine, bench_chat the chat under load (Locust plays
conversations.py through locustfile.py), profile_turn shows where a turn's time goes.
"""
