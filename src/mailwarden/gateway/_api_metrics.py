"""Prometheus metrics of the pre-send API, in a registry of the app's own.

Labels carry rule IDs, actions, verdicts, endpoints, status codes and client names: never an
address, a subject or any text of a message. A registry per app (not the process-wide
default) keeps two apps in one process (tests) from sharing counters.
"""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from ..policy.findings import Verdict

__all__ = ["CONTENT_TYPE_LATEST", "ApiMetrics"]

_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


@dataclass(frozen=True, slots=True)
class ApiMetrics:
    registry: CollectorRegistry
    requests: Counter
    checks: Counter
    findings: Counter
    latency: Histogram
    overrides: Counter
    confirmations: Counter
    history: Counter
    in_flight: Gauge

    @classmethod
    def create(cls) -> ApiMetrics:
        registry = CollectorRegistry(auto_describe=True)
        return cls(
            registry=registry,
            requests=Counter(
                "mailwarden_api_requests",
                "HTTP requests answered, by endpoint, status code and client.",
                ("endpoint", "status", "client"),
                registry=registry,
            ),
            checks=Counter(
                "mailwarden_api_checks",
                "Drafts and messages checked, by verdict.",
                ("verdict",),
                registry=registry,
            ),
            findings=Counter(
                "mailwarden_api_findings",
                "Findings returned, by rule (binding id) and action.",
                ("rule", "action"),
                registry=registry,
            ),
            latency=Histogram(
                "mailwarden_api_check_seconds",
                "Time to answer POST /v1/check (reading, parsing, checking), in seconds.",
                buckets=_BUCKETS,
                registry=registry,
            ),
            overrides=Counter(
                "mailwarden_api_overrides_issued",
                "Override tokens issued, by client.",
                ("client",),
                registry=registry,
            ),
            confirmations=Counter(
                "mailwarden_api_confirmations",
                "Recipients confirmed by senders after a misdirection warning, by client.",
                ("client",),
                registry=registry,
            ),
            history=Counter(
                "mailwarden_api_history_lookups",
                "Recipient history lookups of checks: cached, read from the store, or "
                "unavailable (the store failed; checked without history).",
                ("outcome",),
                registry=registry,
            ),
            in_flight=Gauge(
                "mailwarden_api_checks_in_flight",
                "Checks running or waiting for a worker.",
                registry=registry,
            ),
        )

    def observe_verdict(self, verdict: Verdict) -> None:
        self.checks.labels(str(verdict.action)).inc()
        for finding in verdict.findings:
            self.findings.labels(finding.rule, str(finding.action)).inc()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
