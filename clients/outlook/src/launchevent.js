/*
 * mailwarden for Outlook: checks a message against the organisation's email policy when the
 * user presses Send (Smart Alerts, the OnMessageSend event), through mailwarden's pre-send API.
 *
 *   allow       the message is sent.
 *   warn        not sent yet: the findings and fixes are shown, and "Override…" opens the pane
 *               (taskpane.html) where the user gives a justification; the API returns a signed
 *               token, which is put in the X-Mailwarden-Override header. On the next Send the
 *               API (and later the gateway) verify the token, and the message goes.
 *               When a finding is about a recipient (the misdirection rules: a lookalike of a
 *               usual contact, an unusual recipient, ...), the button reads "Review…" and the
 *               pane also offers "This recipient is right" for each recipient named: the API
 *               records the confirmation (POST /v1/confirmations) and that sender is not
 *               warned about that recipient again, so the next Send goes.
 *   encrypt     shown, with "Send Anyway": it will go only through the encryption route.
 *   quarantine  shown, with "Send Anyway": it will be held for a reviewer.
 *   block       not sent: the findings and fixes are shown.
 *
 * The answer is advice: the gateway re-checks every message. So when the API cannot be reached
 * the message is sent (failOpen, the default) rather than stopping everyone's mail.
 *
 * One plain script, no modules and no build step: Outlook on Windows loads it directly into its
 * JavaScript-only runtime, the other clients through commands.html, and Node's test runner
 * through require(). The decision is the pure function `decide(answer)`.
 */
(function (root) {
  "use strict";

  var OVERRIDE_HEADER = "X-Mailwarden-Override";
  var MAX_ALERT = 500; // Smart Alerts shows at most 500 characters of errorMessage
  var OVERRIDE_COMMAND = "mailwardenOverridePane"; // the task pane button id in manifest.xml
  var MAX_JUSTIFICATION = 2000; // the API's bound
  // Rules about the recipient rather than the content: the sender can confirm the recipient.
  var MISDIRECTION_RULES = [
    "unusual-recipient-with-personal-data",
    "lookalike-recipient",
    "recipient-unusual-for-group",
    "audience-widened-in-thread",
    "salutation-does-not-match-recipient",
  ];

  var DEFAULTS = {
    apiUrl: "https://mailwarden.example.gov.uk", // set at deployment (see docs/api.md)
    apiKey: "", // an API key bound to the organisation's domain (sender=DOMAIN)
    timeoutMs: 4000,
    failOpen: true,
    maxAttachmentBytes: 10 * 1024 * 1024,
  };

  function config(overrides) {
    var merged = {};
    var sources = [DEFAULTS, root.MAILWARDEN_CONFIG || {}, overrides || {}];
    for (var i = 0; i < sources.length; i++) {
      for (var key in sources[i]) {
        if (Object.prototype.hasOwnProperty.call(sources[i], key)) merged[key] = sources[i][key];
      }
    }
    return merged;
  }

  // -- the decision: pure, no Office ------------------------------------------------------

  function counting(findings) {
    return (findings || []).filter(function (f) {
      return f.action !== "advise" && !f.overridden && !f.audit_only;
    });
  }

  function clip(text, limit) {
    return text.length <= limit ? text : text.slice(0, limit - 1).trimEnd() + "…";
  }

  function findingLines(findings) {
    return findings.map(function (f) {
      return "[" + f.clause + "] " + f.message + " Fix: " + f.fix;
    });
  }

  var LEADS = {
    warn: "Check before sending:",
    encrypt: "This message can only go encrypted:",
    quarantine: "If sent, this message will be held for review:",
    block: "This message can't be sent as it is:",
  };
  var TAILS = {
    warn: " Change it, or choose Override… to give your reason.",
    warnRecipient: " Check the address; choose Review… to confirm the recipient or give your reason.",
    warnRecipientNoOffer: " Check the address; choose Review… to confirm the recipient, or Send Anyway.",
    warnNoOffer: " Change it, or choose Send Anyway.",
    encrypt: " Send Anyway sends it through the encryption route.",
    quarantine: " Change it, or choose Send Anyway to send it for review.",
    block: "",
  };

  function alertText(verdict, findings, tail) {
    var lead = LEADS[verdict];
    var room = MAX_ALERT - lead.length - tail.length - 1;
    return lead + " " + clip(findingLines(findings).join(" "), Math.max(room, 40)) + tail;
  }

  /** The recipients (`recipient:<n>` evidence) that misdirection findings name, in order. */
  function confirmable(findings) {
    var out = [];
    var seen = {};
    findings.forEach(function (f) {
      if (MISDIRECTION_RULES.indexOf(f.rule) < 0) return;
      (f.evidence || []).forEach(function (e) {
        if (!/^recipient:\d+$/.test(e.where || "") || seen[e.where]) return;
        seen[e.where] = true;
        out.push({ where: e.where, masked: e.masked, rule: f.rule });
      });
    });
    return out;
  }

  /**
   * What to do on Send, given the API's answer to POST /v1/check.
   * Returns the options for event.completed() plus, for the pane: `findings` (clause, message,
   * fix of each finding that counts), `override` ({digest}) when an override is offered, and
   * `confirmable` (the recipients misdirection findings name: {where, masked, rule}).
   */
  function decide(answer) {
    var verdict = answer && answer.verdict;
    if (!verdict || verdict === "allow" || !LEADS[verdict]) {
      return { allowEvent: true };
    }
    var findings = counting(answer.findings).filter(function (f) {
      return f.action === verdict;
    });
    if (findings.length === 0) findings = counting(answer.findings);
    var shown = findings.map(function (f) {
      return { clause: f.clause, message: f.message, fix: f.fix, rule: f.rule };
    });
    var result = { allowEvent: false, verdict: verdict, findings: shown };
    var recipients = confirmable(counting(answer.findings));
    if (recipients.length) result.confirmable = recipients;
    if (verdict === "warn") {
      var offer = answer.override || {};
      var review = recipients.length > 0;
      if (offer.allowed) {
        result.errorMessage = alertText("warn", findings, review ? TAILS.warnRecipient : TAILS.warn);
        result.cancelLabel = review ? "Review…" : "Override…";
        result.commandId = OVERRIDE_COMMAND;
        result.override = { digest: offer.digest };
      } else if (review) {
        result.errorMessage = alertText("warn", findings, TAILS.warnRecipientNoOffer);
        result.cancelLabel = "Review…";
        result.commandId = OVERRIDE_COMMAND;
        result.sendModeOverride = "promptUser";
      } else {
        result.errorMessage = alertText("warn", findings, TAILS.warnNoOffer);
        result.sendModeOverride = "promptUser";
      }
    } else if (verdict === "encrypt" || verdict === "quarantine") {
      result.errorMessage = alertText(verdict, findings, TAILS[verdict]);
      result.sendModeOverride = "promptUser";
    } else {
      result.errorMessage = alertText("block", findings, TAILS.block);
    }
    return result;
  }

  /** What to do when the API could not answer (unreachable, timed out, an error status). */
  function decideUnavailable(reason, failOpen) {
    if (failOpen) return { allowEvent: true, unavailable: reason };
    return {
      allowEvent: false,
      unavailable: reason,
      errorMessage: clip("The policy check is unavailable (" + reason + "). Try again shortly.", MAX_ALERT),
    };
  }

  // -- Office.js, promisified -------------------------------------------------------------

  function call(target, method, args) {
    return new Promise(function (resolve, reject) {
      var all = (args || []).concat([
        function (result) {
          if (result && result.status === "failed") {
            reject(new Error((result.error && result.error.message) || method + " failed"));
          } else {
            resolve(result ? result.value : undefined);
          }
        },
      ]);
      target[method].apply(target, all);
    });
  }

  function addressOf(detail) {
    if (!detail) return "";
    var address = detail.emailAddress || "";
    var name = (detail.displayName || "").replace(/["\\\r\n]/g, "");
    return name && name !== address ? '"' + name + '" <' + address + ">" : address;
  }

  function utf8ToBase64(text) {
    var bytes = new TextEncoder().encode(text);
    var binary = "";
    for (var i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  }

  async function recipients(item, field) {
    if (!item[field]) return [];
    var list = await call(item[field], "getAsync");
    return (list || []).map(addressOf).filter(Boolean);
  }

  async function attachmentsOf(item, cfg) {
    if (typeof item.getAttachmentsAsync !== "function") return [];
    var details = (await call(item, "getAttachmentsAsync")) || [];
    var out = [];
    for (var i = 0; i < details.length; i++) {
      var d = details[i];
      if (d.isInline || d.attachmentType === "cloud" || d.size > cfg.maxAttachmentBytes) continue;
      var content = await call(item, "getAttachmentContentAsync", [d.id]);
      if (!content) continue;
      if (content.format === "base64") {
        out.push({
          filename: d.name || "attachment",
          content_type: d.contentType || "application/octet-stream",
          content_base64: content.content,
        });
      } else if (content.format === "eml" || content.format === "iCalendar") {
        out.push({
          filename: d.name || "attachment",
          content_type: content.format === "eml" ? "message/rfc822" : "text/calendar",
          content_base64: utf8ToBase64(content.content),
        });
      } // "url" (a cloud file): nothing to read here; the gateway sees the link in the body
    }
    return out;
  }

  /** The draft as the API's JSON shape, and the override token already on the message. */
  async function collectDraft(office, cfg) {
    var mailbox = office.context.mailbox;
    var item = mailbox.item;
    var from = item.from ? addressOf(await call(item.from, "getAsync")) : "";
    var text = office.CoercionType ? office.CoercionType.Text : "text";
    var html = office.CoercionType ? office.CoercionType.Html : "html";
    var draft = {
      from: from || (mailbox.userProfile && mailbox.userProfile.emailAddress) || "",
      to: await recipients(item, "to"),
      cc: await recipients(item, "cc"),
      bcc: await recipients(item, "bcc"),
      subject: (await call(item.subject, "getAsync")) || "",
      body_text: (await call(item.body, "getAsync", [text])) || "",
      body_html: (await call(item.body, "getAsync", [html])) || null,
      attachments: await attachmentsOf(item, cfg),
    };
    var token = "";
    if (item.internetHeaders) {
      var found = await call(item.internetHeaders, "getAsync", [[OVERRIDE_HEADER]]);
      token = (found && found[OVERRIDE_HEADER]) || "";
    }
    return { draft: draft, token: token };
  }

  function bareAddress(text) {
    var match = /<([^>]+)>\s*$/.exec(text || "");
    return (match ? match[1] : text || "").trim();
  }

  function senderOf(draft) {
    return bareAddress(draft.from);
  }

  /** An address masked as the API masks it in evidence: first character and domain. */
  function maskAddress(address) {
    var at = address.lastIndexOf("@");
    if (at < 1) return "";
    return address.charAt(0) + "***@" + address.slice(at + 1).toLowerCase();
  }

  /**
   * The addresses behind `confirmable` entries: `recipient:<n>` counts To, then Cc, then Bcc
   * (DESIGN), checked against the masked evidence; an entry that does not match is left out.
   */
  function recipientsToConfirm(decision, draft) {
    var listed = (draft.to || []).concat(draft.cc || [], draft.bcc || []).map(bareAddress);
    var out = [];
    (decision.confirmable || []).forEach(function (c) {
      var address = listed[Number(c.where.split(":")[1]) - 1];
      if (!address || (c.masked && maskAddress(address) !== c.masked.toLowerCase())) {
        var same = listed.filter(function (a) {
          return c.masked && maskAddress(a) === c.masked.toLowerCase();
        });
        address = same.length === 1 ? same[0] : "";
      }
      if (address && out.indexOf(address) < 0) out.push(address);
    });
    return out;
  }

  async function post(cfg, fetchImpl, path, body, extraHeaders) {
    var headers = { "Content-Type": "application/json", Authorization: "Bearer " + cfg.apiKey };
    for (var key in extraHeaders || {}) headers[key] = extraHeaders[key];
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, cfg.timeoutMs) : null;
    try {
      var response = await fetchImpl(cfg.apiUrl.replace(/\/+$/, "") + path, {
        method: "POST",
        headers: headers,
        body: JSON.stringify(body),
        signal: controller ? controller.signal : undefined,
      });
      var data = null;
      try {
        data = await response.json();
      } catch (e) {
        data = null;
      }
      return { ok: response.ok, status: response.status, data: data };
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  async function check(deps) {
    var cfg = config(deps.config);
    var collected = await collectDraft(deps.office, cfg);
    var extra = collected.token ? { "X-Mailwarden-Override": collected.token } : {};
    var answer = await post(cfg, deps.fetch, "/v1/check", collected.draft, extra);
    return { draft: collected.draft, answer: answer };
  }

  function supports(office, version) {
    var requirements = office.context && office.context.requirements;
    return !requirements || requirements.isSetSupported("Mailbox", version);
  }

  /** Smart Alerts options from a decision: only what Office accepts, within this client's set. */
  function completion(decision, office) {
    var options = { allowEvent: decision.allowEvent };
    if (decision.allowEvent) return options;
    options.errorMessage = decision.errorMessage;
    if (supports(office, "1.14")) {
      if (decision.cancelLabel) options.cancelLabel = decision.cancelLabel;
      if (decision.commandId) options.commandId = decision.commandId;
      if (decision.sendModeOverride) {
        var enums = office.MailboxEnums && office.MailboxEnums.SendModeOverride;
        options.sendModeOverride = (enums && enums.PromptUser) || decision.sendModeOverride;
      }
    }
    return options;
  }

  /** The OnMessageSend handler with its dependencies given (Office, fetch, config). */
  async function handleSend(event, deps) {
    var cfg = config(deps.config);
    var decision;
    try {
      var result = await check(deps);
      if (result.answer.ok) {
        decision = decide(result.answer.data);
      } else {
        var error = (result.answer.data && result.answer.data.error) || "HTTP " + result.answer.status;
        decision = decideUnavailable(error, cfg.failOpen);
      }
    } catch (e) {
      decision = decideUnavailable(e && e.name === "AbortError" ? "timed out" : "unreachable", cfg.failOpen);
    }
    event.completed(completion(decision, deps.office));
    return decision;
  }

  function onMessageSendHandler(event) {
    return handleSend(event, { office: root.Office, fetch: root.fetch.bind(root) });
  }

  // -- the override pane -------------------------------------------------------------------

  /** Re-check the draft as it is now: the findings to show and the digest to override. */
  async function prepareOverride(deps) {
    var result = await check(deps);
    if (!result.answer.ok) {
      throw new Error((result.answer.data && result.answer.data.error) || "the policy check failed");
    }
    var decision = decide(result.answer.data);
    return {
      decision: decision,
      sender: senderOf(result.draft),
      recipients: recipientsToConfirm(decision, result.draft),
    };
  }

  /** "This recipient is right": record it for the sender; they are not warned about it again. */
  async function confirmRecipient(deps, prepared, recipient) {
    if (!prepared || (prepared.recipients || []).indexOf(recipient) < 0) {
      throw new Error("Only a recipient the check named can be confirmed.");
    }
    var cfg = config(deps.config);
    var answer = await post(cfg, deps.fetch, "/v1/confirmations", {
      sender: prepared.sender,
      recipient: recipient,
    });
    if (!answer.ok) throw new Error((answer.data && answer.data.error) || "HTTP " + answer.status);
    return answer.data;
  }

  /** Ask for a token with the user's justification and put it on the message. */
  async function submitOverride(deps, prepared, justification) {
    var reason = (justification || "").trim();
    if (!reason) throw new Error("Please say why this message should be sent as it is.");
    if (reason.length > MAX_JUSTIFICATION) {
      throw new Error("Please keep the reason under " + MAX_JUSTIFICATION + " characters.");
    }
    if (!prepared.decision.override) throw new Error("This message cannot be overridden.");
    var cfg = config(deps.config);
    var answer = await post(cfg, deps.fetch, "/v1/overrides", {
      digest: prepared.decision.override.digest,
      sender: prepared.sender,
      justification: reason,
    });
    if (!answer.ok) throw new Error((answer.data && answer.data.error) || "HTTP " + answer.status);
    var headers = {};
    headers[OVERRIDE_HEADER] = answer.data.token;
    await call(deps.office.context.mailbox.item.internetHeaders, "setAsync", [headers]);
    return answer.data;
  }

  var api = {
    OVERRIDE_HEADER: OVERRIDE_HEADER,
    OVERRIDE_COMMAND: OVERRIDE_COMMAND,
    decide: decide,
    decideUnavailable: decideUnavailable,
    completion: completion,
    collectDraft: collectDraft,
    handleSend: handleSend,
    onMessageSendHandler: onMessageSendHandler,
    prepareOverride: prepareOverride,
    submitOverride: submitOverride,
    confirmRecipient: confirmRecipient,
    recipientsToConfirm: recipientsToConfirm,
    MISDIRECTION_RULES: MISDIRECTION_RULES,
    config: config,
  };

  if (root.Office && root.Office.actions && typeof root.Office.actions.associate === "function") {
    root.Office.actions.associate("onMessageSendHandler", onMessageSendHandler);
  }
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.mailwarden = api;
  }
})(typeof globalThis !== "undefined" ? globalThis : this);
