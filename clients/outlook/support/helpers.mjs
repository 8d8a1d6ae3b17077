// Test helpers (outside test/, so the runner does not take them for tests): a local mailwarden API (`mailwarden serve` in a child process) and a fake of
// the parts of Office.js the add-in uses, holding one draft.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..", ".."); // support/ -> outlook/ -> clients/ -> repo

export const API_KEY = "outlook-test-key-0123456789";
export const SIGNING_KEY = "outlook-test-signing-key";

function mailwardenCommand() {
  if (process.env.MAILWARDEN_BIN) return process.env.MAILWARDEN_BIN;
  const venv = join(repo, ".venv", "bin", "mailwarden");
  return existsSync(venv) ? venv : "mailwarden";
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * A Sent folder (mbox) of `sender`: for each habit `{ to: [addresses], times, everyDays }`,
 * `times` messages ending yesterday, one every `everyDays` days.
 */
function sentMbox(sender, habits) {
  const day = 24 * 3600 * 1000;
  const parts = [];
  habits.forEach((habit, h) => {
    for (let k = 0; k < habit.times; k++) {
      const when = new Date(Date.now() - day * (1 + habit.everyDays * k) - h * 60_000);
      parts.push(
        `From ${sender} ${when.toUTCString()}\n` +
          `From: ${sender}\nTo: ${habit.to.join(", ")}\nSubject: Update ${h}.${k}\n` +
          `Date: ${when.toUTCString()}\nMessage-ID: <h${h}.${k}@sent.example>\n\n` +
          "See you on Tuesday.\n\n",
      );
    }
  });
  return parts.join("");
}

/** Learn `sender`'s recipient history into the store at `url` with `mailwarden history import`. */
function learnHistory(url, cwd, env, { sender, habits }) {
  const path = join(cwd, "Sent.mbox");
  writeFileSync(path, sentMbox(sender, habits));
  const result = spawnSync(
    mailwardenCommand(),
    ["history", "import", path, "--sender", sender, "--store", url],
    { cwd, env, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`history import failed: ${result.stderr}`);
}

/**
 * Start `mailwarden serve` on a free loopback port, with its own SQLite store in a temp dir
 * (holding `history` when given: `{ sender, habits }`); resolves when /healthz answers.
 */
export async function startApi({ signingKey = SIGNING_KEY, history = null } = {}) {
  const port = await freePort();
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("MAILWARDEN_")) delete env[name];
  env.MAILWARDEN_API_KEYS = JSON.stringify([API_KEY]);
  env.MAILWARDEN_POLICY = "norfolk";
  if (signingKey) env.MAILWARDEN_OVERRIDE_SIGNING_KEY = signingKey;
  const cwd = mkdtempSync(join(tmpdir(), "mailwarden-outlook-")); // no ./mailwarden.yaml here
  env.MAILWARDEN_STORE_URL = `sqlite:///${join(cwd, "store.db")}`;
  if (history) learnHistory(env.MAILWARDEN_STORE_URL, cwd, env, history);
  const child = spawn(mailwardenCommand(), ["serve", "--port", String(port)], {
    cwd,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mailwarden serve exited: ${stderr}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return { url, stop: () => stopChild(child) };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stopChild(child);
  throw new Error(`mailwarden serve did not start in time: ${stderr}`);
}

function stopChild(child) {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once("exit", () => done());
    child.kill("SIGTERM");
  });
}

const ok = (value) => ({ status: "succeeded", value });

function getter(value) {
  return { getAsync: (...args) => args[args.length - 1](ok(value)) };
}

function person(address) {
  const match = /^(.*)<(.+)>$/.exec(address);
  return match
    ? { displayName: match[1].trim(), emailAddress: match[2].trim() }
    : { displayName: "", emailAddress: address };
}

/**
 * A fake `Office` holding one draft: { from, to, cc, bcc, subject, text, html, attachments },
 * where attachments are { name, contentType, base64 }. `headers` are the internet headers set.
 */
export function fakeOffice(draft, { requirements = "1.14" } = {}) {
  const headers = {};
  const attachments = (draft.attachments || []).map((a, i) => ({ ...a, id: `att-${i}` }));
  const item = {
    from: getter(person(draft.from)),
    to: getter((draft.to || []).map(person)),
    cc: getter((draft.cc || []).map(person)),
    bcc: getter((draft.bcc || []).map(person)),
    subject: getter(draft.subject || ""),
    body: {
      getAsync: (type, callback) =>
        callback(ok(type === "html" ? draft.html || "" : draft.text || "")),
    },
    getAttachmentsAsync: (callback) =>
      callback(
        ok(
          attachments.map((a) => ({
            id: a.id,
            name: a.name,
            contentType: a.contentType,
            size: Buffer.from(a.base64, "base64").length,
            isInline: false,
            attachmentType: "file",
          })),
        ),
      ),
    getAttachmentContentAsync: (id, callback) => {
      const found = attachments.find((a) => a.id === id);
      callback(ok({ format: "base64", content: found.base64 }));
    },
    internetHeaders: {
      getAsync: (names, callback) => {
        const value = {};
        for (const name of names) if (name in headers) value[name] = headers[name];
        callback(ok(value));
      },
      setAsync: (values, callback) => {
        Object.assign(headers, values);
        callback(ok(undefined));
      },
    },
  };
  const office = {
    context: {
      mailbox: { item, userProfile: { emailAddress: person(draft.from).emailAddress } },
      requirements: {
        isSetSupported: (name, version) => name === "Mailbox" && Number(version) <= Number(requirements),
      },
    },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    CoercionType: { Text: "text", Html: "html" },
    MailboxEnums: { SendModeOverride: { PromptUser: "promptUser" } },
  };
  return { office, headers, item };
}

/** A Smart Alerts event whose `completed` options are recorded. */
export function fakeEvent() {
  const event = { options: null, completed: (options) => (event.options = options) };
  return event;
}

const signature = "\n\nKind regards,\n\nAlex Officer\nWaste Contracts Officer\nNorfolk County Council";

/** Six months of a social worker's sent mail: her manager, the duty desk, a health visitor. */
export const HISTORY = {
  sender: "alex.officer@norfolk.gov.uk",
  habits: [
    { to: ["Sarah Johnson <sarah.johnson@norfolk.gov.uk>"], times: 24, everyDays: 7 },
    { to: ["Duty Team <duty.team@norfolk.gov.uk>"], times: 12, everyDays: 14 },
    { to: ["Priya Patel <priya.patel@nhs.net>"], times: 16, everyDays: 10 },
  ],
};

export const DRAFTS = {
  allow: {
    from: "Alex Officer <alex.officer@norfolk.gov.uk>",
    to: ["Duty Team <duty.team@norfolk.gov.uk>"],
    subject: "Team meeting moved",
    text: "Hello team,\n\nThursday's meeting is moved to 2pm in room 4." + signature,
  },
  warn: {
    from: "Alex Officer <alex.officer@norfolk.gov.uk>",
    to: ["Dave Cole <dave.cole@greenbins.example>"],
    subject: "Missed collections on the Thorpe round",
    text:
      "Dave,\n\nThis is the third missed collection on the Thorpe round this month. What a " +
      "pathetic effort. Your crew are totally incompetent and I will be telling your manager " +
      "exactly that." +
      signature,
  },
  lookalike: {
    from: "Alex Officer <alex.officer@norfolk.gov.uk>",
    to: ["Duty Team <duty.team@norfolk.gov.uk>"],
    cc: ["Priya Patel <priya.patel@nhs.uk>"],
    subject: "Core group meeting moved to Thursday",
    text:
      "Hello both,\n\nThe school has asked to move the core group meeting to Thursday at 2pm, " +
      "same room. Could you let me know if that still works?" +
      signature,
  },
  block: {
    from: "Alex Officer <alex.officer@norfolk.gov.uk>",
    to: ["Duty Team <duty.team@norfolk.gov.uk>"],
    subject: "Referral for Amelia Kowalczyk NHS 943 476 5919",
    text: "Hello team,\n\nThe referral came in this morning; the form is on the case record." + signature,
  },
};
