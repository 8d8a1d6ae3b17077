// The add-in's Send handling against a real local API (`mailwarden serve`) and a fake Office.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, describe, test } from "node:test";

import { API_KEY, DRAFTS, HISTORY, fakeEvent, fakeOffice, startApi } from "../support/helpers.mjs";

const require = createRequire(import.meta.url);
const addin = require("../src/launchevent.js");

describe("against a local mailwarden API", () => {
  let api;
  let config;
  before(async () => {
    api = await startApi();
    config = { apiUrl: api.url, apiKey: API_KEY, timeoutMs: 15000 };
  });
  after(async () => api && (await api.stop()));

  const send = async (fake) => {
    const event = fakeEvent();
    const decision = await addin.handleSend(event, { office: fake.office, fetch, config });
    return { event, decision };
  };

  test("an ordinary message is sent", async () => {
    const { event } = await send(fakeOffice(DRAFTS.allow));
    assert.deepEqual(event.options, { allowEvent: true });
  });

  test("a name and NHS number in the subject block the send with clause and fix", async () => {
    const { event, decision } = await send(fakeOffice(DRAFTS.block));
    assert.equal(event.options.allowEvent, false);
    assert.equal(decision.verdict, "block");
    assert.match(event.options.errorMessage, /\[NCC-E8\]/);
    assert.match(event.options.errorMessage, /Fix: /);
    assert.equal(event.options.commandId, undefined);
    assert.doesNotMatch(JSON.stringify(decision), /Kowalczyk|476 5919/);
  });

  test("warn → override with a justification → the token header → the send goes", async () => {
    const fake = fakeOffice(DRAFTS.warn);
    const first = await send(fake);
    assert.equal(first.event.options.allowEvent, false);
    assert.equal(first.event.options.commandId, "mailwardenOverridePane");
    assert.match(first.event.options.errorMessage, /\[NCC-E10\]/);

    const deps = { office: fake.office, fetch, config };
    const prepared = await addin.prepareOverride(deps);
    assert.equal(prepared.sender, "alex.officer@norfolk.gov.uk");
    assert.equal(prepared.decision.override.digest, first.decision.override.digest);
    await assert.rejects(addin.submitOverride(deps, prepared, "   "), /say why/);
    assert.equal(fake.headers[addin.OVERRIDE_HEADER], undefined);

    const issued = await addin.submitOverride(deps, prepared, "Agreed wording with my manager.");
    assert.match(issued.expires_at, /Z$/);
    assert.equal(fake.headers["X-Mailwarden-Override"], issued.token);

    const second = await send(fake);
    assert.deepEqual(second.event.options, { allowEvent: true });
  });

  test("an edited message needs a new override", async () => {
    const fake = fakeOffice(DRAFTS.warn);
    const deps = { office: fake.office, fetch, config };
    const prepared = await addin.prepareOverride(deps);
    await addin.submitOverride(deps, prepared, "Agreed wording with my manager.");
    fake.item.subject = { getAsync: (cb) => cb({ status: "succeeded", value: "Changed subject" }) };
    const { event } = await send(fake);
    assert.equal(event.options.allowEvent, false);
    assert.equal(event.options.commandId, "mailwardenOverridePane");
  });

  test("a block cannot be overridden from the pane", async () => {
    const deps = { office: fakeOffice(DRAFTS.block).office, fetch, config };
    const prepared = await addin.prepareOverride(deps);
    await assert.rejects(addin.submitOverride(deps, prepared, "please"), /cannot be overridden/);
  });

  test("attachments are sent to the API and judged", async () => {
    const csv = "name,nhs number\nAmelia Kowalczyk,943 476 5919\nJan Nowak,401 023 2137\n";
    const draft = {
      ...DRAFTS.allow,
      to: ["Intake <intake@care-provider.example>"],
      subject: "Weekly list",
      text: "Please find this week's list attached." + "\n\nAlex Officer\nSocial Worker",
      attachments: [{ name: "list.csv", contentType: "text/csv", base64: Buffer.from(csv).toString("base64") }],
    };
    const { event, decision } = await send(fakeOffice(draft));
    assert.equal(event.options.allowEvent, false);
    assert.ok(["encrypt", "block"].includes(decision.verdict), decision.verdict);
  });

  test("a wrong API key does not stop mail (fail open) unless configured", async () => {
    const fake = fakeOffice(DRAFTS.block);
    const wrong = { ...config, apiKey: "not-the-key-0123456789" };
    const event = fakeEvent();
    const decision = await addin.handleSend(event, { office: fake.office, fetch, config: wrong });
    assert.deepEqual(event.options, { allowEvent: true });
    assert.match(decision.unavailable, /API key/);
    const closed = fakeEvent();
    await addin.handleSend(closed, { office: fake.office, fetch, config: { ...wrong, failOpen: false } });
    assert.equal(closed.options.allowEvent, false);
  });

  test("an unreachable API fails open", async () => {
    const event = fakeEvent();
    const unreachable = { ...config, apiUrl: "http://127.0.0.1:9" };
    const decision = await addin.handleSend(event, {
      office: fakeOffice(DRAFTS.block).office,
      fetch,
      config: unreachable,
    });
    assert.deepEqual(event.options, { allowEvent: true });
    assert.equal(decision.unavailable, "unreachable");
  });
});

describe("against a local mailwarden API with the sender's recipient history", () => {
  let api;
  let config;
  before(async () => {
    api = await startApi({ history: HISTORY });
    config = { apiUrl: api.url, apiKey: API_KEY, timeoutMs: 15000 };
  });
  after(async () => api && (await api.stop()));

  const send = async (fake) => {
    const event = fakeEvent();
    const decision = await addin.handleSend(event, { office: fake.office, fetch, config });
    return { event, decision };
  };

  test("a usual contact's address goes", async () => {
    const draft = { ...DRAFTS.lookalike, cc: ["Priya Patel <priya.patel@nhs.net>"] };
    const { event } = await send(fakeOffice(draft));
    assert.deepEqual(event.options, { allowEvent: true });
  });

  test("a lookalike recipient → Review… → This recipient is right → the send goes", async () => {
    const fake = fakeOffice(DRAFTS.lookalike);
    const first = await send(fake);
    assert.equal(first.event.options.allowEvent, false);
    assert.equal(first.event.options.cancelLabel, "Review…");
    assert.equal(first.event.options.commandId, "mailwardenOverridePane");
    assert.match(first.event.options.errorMessage, /\[NCC-E3\].*confirm the recipient/);
    assert.deepEqual(first.decision.confirmable, [
      { where: "recipient:2", masked: "p***@nhs.uk", rule: "lookalike-recipient" },
    ]);

    const deps = { office: fake.office, fetch, config };
    const prepared = await addin.prepareOverride(deps);
    assert.deepEqual(prepared.recipients, ["priya.patel@nhs.uk"]);
    await assert.rejects(
      addin.confirmRecipient(deps, prepared, "duty.team@norfolk.gov.uk"),
      /Only a recipient the check named/,
    );
    const confirmed = await addin.confirmRecipient(deps, prepared, "priya.patel@nhs.uk");
    assert.equal(confirmed.sender, "alex.officer@norfolk.gov.uk");
    assert.equal(confirmed.recipient, "priya.patel@nhs.uk");
    assert.equal(fake.headers["X-Mailwarden-Override"], undefined); // no override was needed

    const second = await send(fake);
    assert.deepEqual(second.event.options, { allowEvent: true });
    const after = await addin.prepareOverride(deps);
    assert.equal(after.decision.allowEvent, true);
    assert.deepEqual(after.recipients, []);
  });

  test("a content warning is still an override, not a confirmation", async () => {
    const { event, decision } = await send(fakeOffice(DRAFTS.warn));
    assert.equal(event.options.cancelLabel, "Override…");
    assert.equal(decision.confirmable, undefined);
  });
});
