"""Evaluation harness: gold pairs, metrics, baselines, reports and benchmark."""
