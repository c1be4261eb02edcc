"""Tests of interviewkit/kit/."""
