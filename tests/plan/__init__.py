"""Tests of interviewkit/plan/."""
