"""Tests of interviewkit/bank/."""
