// The decision on Send as a pure function: no Office, no network.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";

const require = createRequire(import.meta.url);
const { decide, decideUnavailable, completion, recipientsToConfirm } = require("../src/launchevent.js");

const finding = (action, extra = {}) => ({
  rule: `rule-${action}`,
  clause: "NCC-E8",
  clauses: ["NCC-E8"],
  action,
  message: `A ${action} finding.`,
  fix: `Fix the ${action}.`,
  overridden: false,
  audit_only: false,
  evidence: [{ type: "UK_NHS_NUMBER", where: "subject", masked: "*** *** 5919" }],
  ...extra,
});
const answer = (verdict, findings, allowed = false) => ({
  source: "draft",
  verdict,
  findings,
  override: { allowed, digest: "ab".repeat(32) },
});

test("allow sends, advice alone does not stop the send", () => {
  assert.deepEqual(decide(answer("allow", [])), { allowEvent: true });
  assert.deepEqual(decide(answer("allow", [finding("advise")])), { allowEvent: true });
});

test("block stops the send and shows each finding with its clause and fix", () => {
  const d = decide(answer("block", [finding("block"), finding("advise")]));
  assert.equal(d.allowEvent, false);
  assert.match(d.errorMessage, /can't be sent/);
  assert.match(d.errorMessage, /\[NCC-E8\] A block finding\. Fix: Fix the block\./);
  assert.doesNotMatch(d.errorMessage, /advise/);
  assert.equal(d.sendModeOverride, undefined);
  assert.equal(d.override, undefined);
  assert.deepEqual(d.findings, [
    { clause: "NCC-E8", message: "A block finding.", fix: "Fix the block.", rule: "rule-block" },
  ]);
});

test("warn with an offer opens the override pane", () => {
  const d = decide(answer("warn", [finding("warn")], true));
  assert.equal(d.allowEvent, false);
  assert.equal(d.cancelLabel, "Override…");
  assert.equal(d.commandId, "mailwardenOverridePane");
  assert.deepEqual(d.override, { digest: "ab".repeat(32) });
  assert.match(d.errorMessage, /Override…/);
});

test("warn without an offer lets the user send anyway", () => {
  const d = decide(answer("warn", [finding("warn")], false));
  assert.equal(d.sendModeOverride, "promptUser");
  assert.equal(d.override, undefined);
});

test("encrypt and quarantine say what sending will do", () => {
  const e = decide(answer("encrypt", [finding("encrypt")]));
  assert.equal(e.sendModeOverride, "promptUser");
  assert.match(e.errorMessage, /encryption route/);
  const q = decide(answer("quarantine", [finding("quarantine")]));
  assert.equal(q.sendModeOverride, "promptUser");
  assert.match(q.errorMessage, /held for review/);
});

test("overridden and audit-only findings are not shown", () => {
  const d = decide(
    answer("block", [finding("block"), finding("warn", { overridden: true }), finding("warn", { audit_only: true })]),
  );
  assert.equal(d.findings.length, 1);
});

test("the alert stays within the 500 characters Outlook shows", () => {
  const long = finding("block", { message: "x".repeat(900) });
  const d = decide(answer("block", [long, finding("block")]));
  assert.ok(d.errorMessage.length <= 500, String(d.errorMessage.length));
  assert.match(d.errorMessage, /…$/);
});

test("an unreachable API fails open by default, closed when configured", () => {
  assert.equal(decideUnavailable("unreachable", true).allowEvent, true);
  const closed = decideUnavailable("timed out", false);
  assert.equal(closed.allowEvent, false);
  assert.match(closed.errorMessage, /timed out/);
});

test("Smart Alerts options drop what an older client cannot take", () => {
  const d = decide(answer("warn", [finding("warn")], true));
  const office = (v) => ({
    context: { requirements: { isSetSupported: (_, want) => Number(want) <= v } },
  });
  const modern = completion(d, office(1.14));
  assert.deepEqual(Object.keys(modern).sort(), ["allowEvent", "cancelLabel", "commandId", "errorMessage"]);
  const older = completion(d, office(1.12));
  assert.deepEqual(Object.keys(older).sort(), ["allowEvent", "errorMessage"]);
  assert.deepEqual(completion({ allowEvent: true }, office(1.14)), { allowEvent: true });
});

const lookalike = (where, masked) =>
  finding("warn", {
    rule: "lookalike-recipient",
    clause: "NCC-E3",
    evidence: [{ type: "EMAIL_ADDRESS", where, masked }],
  });

test("a misdirection warning offers Review… and names the recipients to confirm", () => {
  const d = decide(answer("warn", [lookalike("recipient:2", "p***@nhs.uk"), finding("warn")], true));
  assert.equal(d.cancelLabel, "Review…");
  assert.equal(d.commandId, "mailwardenOverridePane");
  assert.match(d.errorMessage, /confirm the recipient or give your reason\.$/);
  assert.deepEqual(d.confirmable, [{ where: "recipient:2", masked: "p***@nhs.uk", rule: "lookalike-recipient" }]);
  assert.deepEqual(d.override, { digest: "ab".repeat(32) });
});

test("without an override offer a misdirection warning still opens the pane", () => {
  const d = decide(answer("warn", [lookalike("recipient:1", "p***@nhs.uk")], false));
  assert.equal(d.commandId, "mailwardenOverridePane");
  assert.equal(d.sendModeOverride, "promptUser");
  assert.equal(d.override, undefined);
});

test("content findings and non-recipient evidence offer no confirmation", () => {
  assert.equal(decide(answer("warn", [finding("warn")], true)).confirmable, undefined);
  const attachment = finding("warn", { rule: "attachment-names-someone-else" });
  assert.equal(decide(answer("warn", [attachment], true)).confirmable, undefined);
  const overridden = lookalike("recipient:1", "p***@nhs.uk");
  overridden.overridden = true;
  assert.equal(decide(answer("allow", [overridden])).confirmable, undefined);
});

test("recipient:<n> counts To, then Cc, then Bcc, checked against the mask", () => {
  const draft = {
    to: ['"Duty" <duty@norfolk.gov.uk>'],
    cc: ["Priya Patel <priya.patel@nhs.uk>"],
    bcc: ["sam@x.example"],
  };
  const d = decide(
    answer("warn", [lookalike("recipient:2", "p***@nhs.uk"), lookalike("recipient:3", "s***@x.example")], true),
  );
  assert.deepEqual(recipientsToConfirm(d, draft), ["priya.patel@nhs.uk", "sam@x.example"]);
  const shifted = decide(answer("warn", [lookalike("recipient:1", "p***@nhs.uk")], true));
  assert.deepEqual(recipientsToConfirm(shifted, draft), ["priya.patel@nhs.uk"]); // found by mask
  const unknown = decide(answer("warn", [lookalike("recipient:1", "z***@nowhere.example")], true));
  assert.deepEqual(recipientsToConfirm(unknown, draft), []);
});
