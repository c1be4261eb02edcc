"""Tests of interviewkit/scores/."""
