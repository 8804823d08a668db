"""Benchmark: `python -m timeline_app.bench` prints load, frame, export, start-up and memory."""
