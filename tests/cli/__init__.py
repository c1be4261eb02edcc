"""Tests of interviewkit/cli/."""
