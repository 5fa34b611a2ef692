"""Tests of the format writers: one module per format."""
