# ---- inbox.py ----

"""Events from the payments provider and the invoicing system, merged for the ledger."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    id: str
    source: str
    occurred_at: str  # ISO 8601, as the source sent it
    kind: str


def parse(payload: dict, source: str) -> Event:
    """An event from one source's webhook body."""
    if source == "payments":
        return Event(payload["id"], source, payload["created"], payload["type"])
    if source == "invoicing":
        return Event(payload["event_id"], source, payload["timestamp"], payload["event"])
    raise ValueError(f"unknown source {source!r}")


def merge(batches, seen=set()):
    """The events of all batches, oldest first, each event once."""
    merged = []
    for batch in batches:
        for event in batch:
            if event.id in seen:
                continue  # a source resends an event until we acknowledge it
            seen.add(event.id)
            merged.append(event)
    return sorted(merged, key=lambda event: event.occurred_at)


class LedgerWorker:
    """Polls both sources and applies their new events to the ledger, oldest first."""

    def __init__(self, sources, ledger):
        self.sources = sources
        self.ledger = ledger

    def poll(self) -> int:
        batches = [source.fetch_unacknowledged() for source in self.sources]
        events = merge(batches)
        for event in events:
            self.ledger.apply(event)
        for source, batch in zip(self.sources, batches):
            source.acknowledge([event.id for event in batch])
        return len(events)


# ---- test_inbox.py ----

from inbox import merge, parse


def payment(event_id, created):
    return parse({"id": event_id, "created": created, "type": "charge.succeeded"}, "payments")


def invoice(event_id, timestamp):
    body = {"event_id": event_id, "timestamp": timestamp, "event": "invoice.issued"}
    return parse(body, "invoicing")


def test_a_resent_event_is_applied_once():
    charge = payment("ch_100", "2026-03-02T10:00:00Z")
    assert merge([[charge], [charge]]) == [charge]


def test_events_of_both_sources_come_out_oldest_first():
    issued = invoice("inv-7", "2026-03-02T09:15:00+01:00")
    charge = payment("ch_200", "2026-03-02T08:30:00Z")
    later = payment("ch_201", "2026-03-02T08:45:00Z")
    merged = merge([[charge, later], [issued]])
    assert [event.id for event in merged] == ["inv-7", "ch_200", "ch_201"]


# ---- $ python -m pytest -q --tb=short test_inbox.py ----
#
# .F                                                                       [100%]
# =================================== FAILURES ===================================
# ______________ test_events_of_both_sources_come_out_oldest_first _______________
# test_inbox.py:23: in test_events_of_both_sources_come_out_oldest_first
#     assert [event.id for event in merged] == ["inv-7", "ch_200", "ch_201"]
# E   AssertionError: assert ['ch_200', 'ch_201', 'inv-7'] == ['inv-7', 'ch_200', 'ch_201']
# E
# E     At index 0 diff: 'ch_200' != 'inv-7'
# E     Use -v to get more diff
# =========================== short test summary info ============================
# FAILED test_inbox.py::test_events_of_both_sources_come_out_oldest_first - Ass...
# 1 failed, 1 passed in 0.01s
