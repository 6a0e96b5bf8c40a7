// Minimal chat client: sends messages to the web app, which passes them on to Rasa.
// Everything the user or the bot writes is inserted as text (never as HTML).
// A reload shows the conversation so far (GET /chat/history), and a worker's replies come
// in live over server-sent events (GET /chat/events) into the same aria-live log.
// The conversation id lives in sessionStorage (this tab only). After consent Wegwijzer sends
// {"custom": {"wegwijzer": {"remember_conversation": true}}}: the id is then also kept in
// localStorage, and the ids kept there go with every message as `browser_conversations`, so
// that "vergeet mij" reaches every conversation of this browser; {"forget_browser": true}
// clears them. Other custom messages are ignored.
(function () {
  "use strict";
  const form = document.getElementById("chat-form");
  const input = document.getElementById("message");
  const log = document.getElementById("conversation");
  const status = document.getElementById("status");

  const SENDER_KEY = "wegwijzer-sender";
  const REMEMBERED_KEY = "wegwijzer-conversations";
  const MAX_REMEMBERED = 20;
  const ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
  let events = null;  // the live messages (an EventSource), once listening

  // Without storage (a browser that blocks it in a frame) the id lives as long as the page.
  let pageId = null;

  function storedId() {
    try { return sessionStorage.getItem(SENDER_KEY); } catch (error) { return pageId; }
  }

  function keepId(id) {
    pageId = id;
    try { sessionStorage.setItem(SENDER_KEY, id); } catch (error) { /* storage off */ }
  }

  // The conversation ids this browser remembers (after consent); [] when storage is off.
  function remembered() {
    try {
      const list = JSON.parse(localStorage.getItem(REMEMBERED_KEY) || "[]");
      if (!Array.isArray(list)) { return []; }
      return list.filter(function (id) { return typeof id === "string" && ID_PATTERN.test(id); });
    } catch (error) {
      return [];
    }
  }

  function remember(id) {
    const list = remembered().filter(function (known) { return known !== id; });
    list.push(id);
    try {
      localStorage.setItem(REMEMBERED_KEY, JSON.stringify(list.slice(-MAX_REMEMBERED)));
    } catch (error) { /* storage off: nothing is remembered */ }
  }

  // After "vergeet mij": nothing of this browser's conversations stays, and the next
  // message starts a new conversation.
  function forgetBrowser() {
    try { localStorage.removeItem(REMEMBERED_KEY); } catch (error) { /* storage off */ }
    pageId = null;
    try { sessionStorage.removeItem(SENDER_KEY); } catch (error) { /* storage off */ }
    if (events) { events.close(); events = null; }
  }

  function handleCustom(custom) {
    const wish = custom && typeof custom === "object" ? custom.wegwijzer : null;
    if (!wish || typeof wish !== "object") { return; }
    if (wish.remember_conversation === true) { remember(conversationId()); }
    if (wish.forget_browser === true) { forgetBrowser(); }
  }

  // One reply of Wegwijzer: shown when it has words or buttons; a custom part is an
  // instruction for this page, never shown.
  function showReply(reply) {
    if (!reply || typeof reply !== "object") { return; }
    const buttons = Array.isArray(reply.buttons) ? reply.buttons : [];
    if ((typeof reply.text === "string" && reply.text) || buttons.length) {
      addMessage("bot", typeof reply.text === "string" ? reply.text : "", buttons);
    }
    if (reply.custom !== undefined) {
      try { handleCustom(reply.custom); } catch (error) { /* never breaks the chat */ }
    }
  }

  function conversationId() {
    let id = storedId();
    if (!id) {
      const bytes = new Uint8Array(18);
      crypto.getRandomValues(bytes);
      id = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
      keepId(id);
    }
    return id;
  }

  // A link to this site's own plan pages becomes a real link; all else stays plain text,
  // also a plan link on another host.
  const PLAN_LINK = /(https?:\/\/\S+\/plan\/[A-Za-z0-9_-]+)/;

  function isOwnPlanLink(text) {
    try {
      const url = new URL(text);
      return url.origin === window.location.origin && /\/plan\/[A-Za-z0-9_-]+$/.test(url.pathname);
    } catch (error) {
      return false;
    }
  }

  function appendText(parent, text, linkify) {
    text.split(PLAN_LINK).forEach(function (part, index) {
      if (linkify && index % 2 === 1 && isOwnPlanLink(part)) {
        const link = document.createElement("a");
        link.href = part;
        link.textContent = "Open je plan (nieuw venster)";
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        parent.appendChild(link);
      } else {
        parent.appendChild(document.createTextNode(part));
      }
    });
  }

  const LABELS = { me: "Jij:", bot: "Wegwijzer:", worker: "Trajectondersteuner:" };
  const shownIds = new Set();  // messages that came both in the history and live show once

  function addMessage(who, text, buttons) {
    const item = document.createElement("li");
    item.className = who === "me" ? "me" : who === "worker" ? "bot worker" : "bot";
    const label = document.createElement("span");
    label.className = "who";
    label.textContent = LABELS[who] || LABELS.bot;
    item.appendChild(label);
    appendText(item, text || "", who !== "me");
    if (buttons && buttons.length) {
      const choices = document.createElement("div");
      choices.className = "choices";
      buttons.forEach(function (button) {
        const element = document.createElement("button");
        element.type = "button";
        element.textContent = button.title;
        element.addEventListener("click", function () { send(button.payload, button.title); });
        choices.appendChild(element);
      });
      item.appendChild(choices);
    }
    log.appendChild(item);
    item.scrollIntoView({ block: "end" });
  }

  async function send(message, shownText) {
    status.className = "status";
    status.textContent = "Wegwijzer schrijft…";
    try {
      const sender = conversationId();
      const response = await fetch("/chat/message", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          sender: sender,
          message: message,
          browser_conversations: remembered().filter(function (id) { return id !== sender; }),
        }),
      });
      if (response.status === 429) {
        await slowDown(response);
        return;
      }
      const body = await response.json();
      if (!response.ok) { throw new Error(body.error || "Er ging iets mis."); }
      if (shownText) { addMessage("me", shownText); }
      input.value = "";
      (Array.isArray(body.messages) ? body.messages : []).forEach(showReply);
      status.textContent = "";
      listen(null);
    } catch (error) {
      // Keep what the user typed, so nothing is lost.
      status.className = "status error";
      status.textContent = error.message && error.message !== "Failed to fetch"
        ? error.message : "Wegwijzer is even niet bereikbaar. Probeer het opnieuw.";
    }
  }

  // Too many messages in a short time: a calm word, and the typed text stays in the box.
  async function slowDown(response) {
    let text = "Je stuurt veel berichten kort na elkaar. Wacht even en verstuur je bericht dan opnieuw.";
    try {
      const body = await response.json();
      if (body && typeof body.error === "string" && body.error) { text = body.error; }
    } catch (error) { /* keep the general words */ }
    if (input.value.trim()) { text += " Je bericht staat nog in het tekstvak."; }
    status.className = "status";
    status.textContent = text;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) { input.focus(); return; }
    send(text, text);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
  // Live messages: a worker's reply, and Wegwijzer's message when the worker hands back.

  function listen(after) {
    if (events || !window.EventSource) { return; }
    const query = new URLSearchParams({ sender: conversationId() });
    if (after !== null && after !== undefined) { query.set("after", String(after)); }
    events = new EventSource("/chat/events?" + query.toString());
    events.addEventListener("message", function (event) {
      let message;
      try { message = JSON.parse(event.data); } catch (error) { return; }
      if (!message || typeof message.text !== "string") { return; }
      if (message.id) {
        if (shownIds.has(message.id)) { return; }
        shownIds.add(message.id);
      }
      addMessage(message.speaker === "worker" ? "worker" : "bot", message.text);
    });
  }

  // After a reload: the conversation so far, then the live messages from where it ends.
  async function restore() {
    const response = await fetch("/chat/history?sender=" + encodeURIComponent(storedId()), {
      headers: { Accept: "application/json" },
    });
    if (!response.ok) { return false; }
    const body = await response.json();
    if (!body.messages || !body.messages.length) { return false; }
    const region = log.parentElement;
    region.setAttribute("aria-busy", "true");  // no reading out of the whole history
    body.messages.forEach(function (message) {
      if (message.id) { shownIds.add(message.id); }
      addMessage(message.speaker, message.text, message.buttons);
    });
    region.removeAttribute("aria-busy");
    status.className = "status";
    status.textContent = "Je gesprek tot nu toe staat hierboven. Je kan verder typen.";
    listen(body.cursor);
    return true;
  }

  async function start() {
    let restored = false;
    if (storedId()) {
      try { restored = await restore(); } catch (error) { restored = false; }
    }
    if (!restored) { send("/greet", null); }  // the welcome, without a message of the user
  }
  start();
})();
