// The chat page: sends messages to the web app, which passes them on to Rasa.
// Everything the user or the bot writes is inserted as text (never as HTML).
//
// - The conversation id is kept in localStorage (`wegwijzer-sender`), so a returning visitor
//   goes on with the same conversation: the page shows it again from GET /chat/history.
//   "Nieuw gesprek" (after a confirmation) starts over with a new id.
// - After consent Wegwijzer sends {"custom": {"wegwijzer": {"remember_conversation": true}}}:
//   only then is the id also added to the list of this browser's conversations
//   (`wegwijzer-conversations`), which goes with every message as `browser_conversations`,
//   so that "vergeet mij" reaches every conversation of this browser; {"forget_browser":
//   true} clears the list and the id; {"reading_level": "eenvoudig"|"gewoon"} (after a
//   switch of reading level, also a typed one) sets the switch; {"large_text": true} (larger
//   letters asked in words) turns on the larger text. Other custom messages are ignored.
// - Live messages (a worker's reply, Wegwijzer's message when the worker hands back) come
//   over server-sent events (GET /chat/events). When the connection drops, the page says
//   so calmly, tries again, fetches what it missed from the history and shows every
//   message once (by its id). A message whose sending failed stays in the text box unless
//   the history shows that it arrived; then its answer is shown from the history.
// - The settings (larger text, reading level, read aloud) are kept in localStorage under
//   `wegwijzer-*` keys. Without storage (a browser that blocks it in a frame) everything
//   lives as long as the page.
(function () {
  "use strict";
  const form = document.getElementById("chat-form");
  const input = document.getElementById("message");
  const log = document.getElementById("conversation");
  const region = document.getElementById("log");
  const status = document.getElementById("status");

  const KEYS = {
    sender: "wegwijzer-sender",
    remembered: "wegwijzer-conversations",
    largeText: "wegwijzer-large-text",
    level: "wegwijzer-reading-level",
    readAloud: "wegwijzer-read-aloud",
  };
  const MAX_REMEMBERED = 20;
  const ID_PATTERN = /^[A-Za-z0-9_-]{32,64}$/;
  const RETRY_FIRST_MS = 1000;
  const RETRY_MOST_MS = 15000;
  const WORDS = {
    typing: "Wegwijzer schrijft…",
    offline: "Geen verbinding. Ik probeer opnieuw…",
    back: "De verbinding is terug.",
    keptText: " Je bericht staat nog in het tekstvak. Verstuur het opnieuw.",
    restored: "Je gesprek tot nu toe staat hierboven. Je kan verder typen.",
    unavailable: "Wegwijzer is even niet bereikbaar. Probeer het opnieuw.",
    slowDown: "Je stuurt veel berichten kort na elkaar. Wacht even en verstuur je bericht dan opnieuw.",
  };

  // --- storage -------------------------------------------------------------------------------

  const memory = {};  // what would be stored, when the browser allows no storage

  function load(key) {
    try { return localStorage.getItem(key); } catch (error) { return memory[key] || null; }
  }

  function save(key, value) {
    memory[key] = value;
    try {
      if (value === null) { localStorage.removeItem(key); } else { localStorage.setItem(key, value); }
    } catch (error) { /* storage off: kept in memory for this page */ }
  }

  // The conversation of this page: read once, so another tab that starts over does not
  // change the conversation of this one.
  let currentId = (function () {
    const stored = load(KEYS.sender);
    return stored && ID_PATTERN.test(stored) ? stored : null;
  })();

  function newId() {
    const bytes = new Uint8Array(18);
    crypto.getRandomValues(bytes);
    currentId = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    save(KEYS.sender, currentId);
    return currentId;
  }

  function conversationId() {
    return currentId || newId();
  }

  // The conversation ids this browser remembers (after consent); [] when storage is off.
  function remembered() {
    try {
      const list = JSON.parse(load(KEYS.remembered) || "[]");
      if (!Array.isArray(list)) { return []; }
      return list.filter(function (id) { return typeof id === "string" && ID_PATTERN.test(id); });
    } catch (error) {
      return [];
    }
  }

  function remember(id) {
    const list = remembered().filter(function (known) { return known !== id; });
    list.push(id);
    save(KEYS.remembered, JSON.stringify(list.slice(-MAX_REMEMBERED)));
  }

  // --- the status line (one polite announcement per change) ----------------------------------

  function setStatus(text, kind) {
    status.className = "status" + (kind ? " " + kind : "");
    if (status.textContent !== text) { status.textContent = text; }
  }

  function reducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  // --- messages ------------------------------------------------------------------------------

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

  // What the page has shown, kept in step with how GET /chat/history counts: the person's
  // messages it lists, and the newest message of Wegwijzer with words (only its buttons
  // still show as the person's choice there).
  const shown = { ids: new Set(), mine: 0, newest: null, choiceOpen: false };

  function resetShown() {
    log.textContent = "";
    shown.ids.clear();
    shown.mine = 0;
    shown.newest = null;
    shown.choiceOpen = false;
  }

  function addMessage(who, text, buttons, options) {
    const live = !options || options.live !== false;
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
        element.addEventListener("click", function () { choose(item, button); });
        choices.appendChild(element);
      });
      item.appendChild(choices);
    }
    log.appendChild(item);
    if (who === "me") {
      if (!options || options.counted !== false) { shown.mine += 1; shown.choiceOpen = false; }
    } else if (text) {
      shown.newest = item;
      shown.choiceOpen = true;
      if (live) { readAloud(text); }
    }
    if (live || (options && options.last)) {
      item.scrollIntoView({ block: "end", behavior: reducedMotion() ? "auto" : "smooth" });
    }
    return item;
  }

  function addKnown(message, options) {
    if (message.id) {
      if (shown.ids.has(message.id)) { return; }
      shown.ids.add(message.id);
    }
    const who = message.speaker === "me" || message.speaker === "worker" ? message.speaker : "bot";
    addMessage(who, message.text, message.buttons, options);
  }

  // The page shows a conversation from the history without reading it all out.
  function showHistory(messages) {
    region.setAttribute("aria-busy", "true");
    messages.forEach(function (message, index) {
      addKnown(message, { live: false, last: index === messages.length - 1 });
    });
    region.removeAttribute("aria-busy");
  }

  // One reply of Wegwijzer: shown when it has words or buttons; a custom part is an
  // instruction for this page, never shown.
  function showReply(reply) {
    if (!reply || typeof reply !== "object") { return; }
    const buttons = Array.isArray(reply.buttons) ? reply.buttons : [];
    const text = typeof reply.text === "string" ? reply.text : "";
    if (text || buttons.length) { addMessage("bot", text, buttons); }
    if (reply.custom !== undefined) {
      try { handleCustom(reply.custom); } catch (error) { /* never breaks the chat */ }
    }
  }

  function handleCustom(custom) {
    const wish = custom && typeof custom === "object" ? custom.wegwijzer : null;
    if (!wish || typeof wish !== "object") { return; }
    if (wish.remember_conversation === true) { remember(conversationId()); }
    if (wish.forget_browser === true) { forgetBrowser(); }
    // A level chosen by typing ("kan het eenvoudiger?") shows on the switch too.
    if (wish.reading_level === "eenvoudig" || wish.reading_level === "gewoon") {
      showLevel(wish.reading_level);
    }
    // Larger letters asked in words ("de letters zijn te klein") turn the switch on.
    if (wish.large_text === true) {
      save(KEYS.largeText, "1");
      showLargeText(true);
    }
  }

  // After "vergeet mij": nothing of this browser's conversations stays, and the next
  // message starts a new conversation.
  function forgetBrowser() {
    save(KEYS.remembered, null);
    save(KEYS.sender, null);
    currentId = null;
    stopListening();
    lastEvent = null;
    streamFrom = null;
  }

  // --- sending -------------------------------------------------------------------------------

  let sending = false;
  // A message whose answer did not come because the connection dropped (as `send` got
  // it); settled after the reconnect.
  let unsettled = null;

  // Sends `message`. `how.shown`: the words that show as the person's message (none for
  // what the page sends itself); `how.typed`: they come from the text box (emptied once
  // sent); `how.counted`: the history lists them too. Returns whether it went through.
  async function send(message, how) {
    if (sending) { return false; }
    sending = true;
    const sent = { message: message, shown: null, typed: false, counted: false };
    Object.assign(sent, how || {});
    let response;
    let body;
    try {
      if (unsettled || offline) {
        // First settle the message whose answer did not come; this one may be the same
        // text, sent again, that did arrive after all (then the box is empty now).
        await reconnect();
        if (sent.typed && input.value.trim() !== message) { return false; }
      }
      setStatus(WORDS.typing, "typing");
      const sender = conversationId();
      response = await fetch("/chat/message", {
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
        return false;
      }
      body = await response.json().catch(function (error) {
        if (response.ok) { throw error; }  // the answer broke off: the connection dropped
        return {};
      });
    } catch (error) {
      connectionLost(sent);
      return false;
    } finally {
      sending = false;
    }
    if (!response.ok) {
      setStatus(body && typeof body.error === "string" ? body.error : WORDS.unavailable, "error");
      return false;
    }
    if (sent.shown) { addMessage("me", sent.shown, null, { counted: sent.counted }); }
    if (sent.typed) { input.value = ""; }
    (Array.isArray(body.messages) ? body.messages : []).forEach(showReply);
    if (status.classList.contains("typing")) { setStatus(""); }
    retryDelay = RETRY_FIRST_MS;
    listen(null);
    return true;
  }

  // Too many messages in a short time: a calm word, and the typed text stays in the box.
  async function slowDown(response) {
    let text = WORDS.slowDown;
    try {
      const body = await response.json();
      if (body && typeof body.error === "string" && body.error) { text = body.error; }
    } catch (error) { /* keep the general words */ }
    if (input.value.trim()) { text += " Je bericht staat nog in het tekstvak."; }
    setStatus(text);
  }

  // An answer button: its title shows as the person's message, the cursor goes back to the
  // text box. It counts like the history counts it: only a choice of the newest message.
  function choose(item, button) {
    const counted = item === shown.newest && shown.choiceOpen;
    input.focus();
    send(button.payload, { shown: button.title, counted: counted });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) { input.focus(); return; }
    send(text, { shown: text, typed: true, counted: !text.startsWith("/") });
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });

  // The welcome, in the reading level this browser chose.
  async function welcome() {
    if (load(KEYS.level) === "eenvoudig") {
      if (!(await send("/simpler_language"))) { return; }
    }
    await send("/greet");
  }

  // --- live messages and reconnecting ------------------------------------------------------

  let events = null;  // the live messages (an EventSource), once listening
  let lastEvent = null;  // the number of the last live message seen
  let streamFrom = null;  // the number the stream started after
  let retryTimer = null;
  let retryDelay = RETRY_FIRST_MS;
  let offline = false;  // the page said that the connection is gone

  function listen(after) {
    if (events || offline || retryTimer || !window.EventSource || !currentId) { return; }
    const query = new URLSearchParams({ sender: currentId });
    // From the last live message seen, else from where the previous stream started (the
    // messages pushed since then come again and show once), else from `after`.
    const from = [lastEvent, streamFrom, after].find(function (number) {
      return number !== null && number !== undefined;
    });
    streamFrom = from === undefined ? null : from;
    if (streamFrom !== null) { query.set("after", String(streamFrom)); }
    const source = new EventSource("/chat/events?" + query.toString());
    let ready = false;
    events = source;
    source.addEventListener("ready", function () {
      ready = true;
      retryDelay = RETRY_FIRST_MS;
    });
    source.addEventListener("message", function (event) {
      if (event.lastEventId) { lastEvent = event.lastEventId; }
      let message;
      try { message = JSON.parse(event.data); } catch (error) { return; }
      if (!message || typeof message.text !== "string") { return; }
      addKnown({ id: message.id, speaker: message.speaker === "worker" ? "worker" : "bot", text: message.text });
    });
    // The stream ended: at once again when it had worked, else after a growing pause.
    source.addEventListener("error", function () {
      if (events === source) { connectionLost(null, ready); }
    });
  }

  function stopListening() {
    if (events) { events.close(); events = null; }
  }

  // The connection dropped (a message could not be sent, or the live messages stopped):
  // say so when the person is waiting, and try again.
  function connectionLost(sent, atOnce) {
    stopListening();
    if (sent && !unsettled) { unsettled = sent; }
    if (sent || !navigator.onLine) { goneOffline(true); }
    tryAgain(atOnce ? 0 : retryDelay);
    if (!atOnce) { retryDelay = Math.min(retryDelay * 2, RETRY_MOST_MS); }
  }

  // Says that the connection is gone: once, or again when the person just tried to send.
  function goneOffline(again) {
    if (!offline || again) { setStatus(WORDS.offline); }
    offline = true;
  }

  function tryAgain(delay) {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(reconnect, delay);
  }

  async function fetchHistory() {
    const response = await fetch("/chat/history?sender=" + encodeURIComponent(conversationId()), {
      headers: { Accept: "application/json" },
      cache: "no-store",
    });
    if (response.status === 400 || response.status === 404) { return { messages: [], cursor: null }; }
    if (!response.ok) { throw new Error("unavailable"); }
    const body = await response.json();
    return { messages: Array.isArray(body.messages) ? body.messages : [], cursor: body.cursor };
  }

  // One reconnect at a time: the timer's and the one before a message may meet.
  let reconnecting = null;
  function reconnect() {
    if (!reconnecting) {
      reconnecting = catchUpNow().finally(function () { reconnecting = null; });
    }
    return reconnecting;
  }

  async function catchUpNow() {
    clearTimeout(retryTimer);
    retryTimer = null;
    let history;
    try {
      history = await fetchHistory();
    } catch (error) {
      goneOffline();
      tryAgain(retryDelay);
      retryDelay = Math.min(retryDelay * 2, RETRY_MOST_MS);
      return;
    }
    const sent = unsettled;
    unsettled = null;
    const kept = catchUp(history.messages, sent);
    const wasOffline = offline;
    offline = false;
    if (wasOffline) { setStatus(WORDS.back + (kept ? WORDS.keptText : "")); }
    if (!log.children.length) {
      setTimeout(welcome, 0);  // the welcome did not come yet
      return;
    }
    listen(history.cursor);
  }

  // Shows what the history has and the page missed; returns whether the person's unsent
  // message stays in the text box.
  function catchUp(messages, sent) {
    if (!log.children.length) {
      showHistory(messages);
      return false;
    }
    let arrived = false;
    if (sent && sent.counted) {
      // It arrived when the history lists more of the person's messages than the page.
      let mine = 0;
      const from = messages.findIndex(function (message) {
        if (message.speaker === "me") { mine += 1; }
        return mine > shown.mine;
      });
      if (from >= 0) {
        arrived = true;
        messages.slice(from).forEach(function (message) { addKnown(message); });
        if (sent.typed && input.value.trim() === sent.shown) { input.value = ""; }
      }
    }
    messages.forEach(function (message) {
      if (message.id && !shown.ids.has(message.id)) { addKnown(message); }
    });
    return Boolean(sent && sent.typed && !arrived && input.value.trim());
  }

  window.addEventListener("offline", function () {
    stopListening();
    goneOffline();
    tryAgain(retryDelay);
  });
  window.addEventListener("online", function () {
    if (offline || retryTimer) { tryAgain(0); }
  });

  // --- "Nieuw gesprek" -----------------------------------------------------------------------

  const newButton = document.getElementById("new-conversation");
  const confirmBox = document.getElementById("new-confirm");
  const confirmYes = document.getElementById("new-confirm-yes");
  const confirmNo = document.getElementById("new-confirm-no");
  newButton.setAttribute("aria-controls", confirmBox.id);
  newButton.setAttribute("aria-expanded", "false");

  function askNew(open) {
    confirmBox.hidden = !open;
    newButton.setAttribute("aria-expanded", open ? "true" : "false");
    (open ? confirmNo : newButton).focus();
  }

  function startOver() {
    stopListening();
    clearTimeout(retryTimer);
    retryTimer = null;
    unsettled = null;
    offline = false;
    lastEvent = null;
    streamFrom = null;
    newId();
    resetShown();
    input.value = "";
    confirmBox.hidden = true;
    newButton.setAttribute("aria-expanded", "false");
    input.focus();
    welcome();
  }

  newButton.addEventListener("click", function () { askNew(confirmBox.hidden); });
  confirmNo.addEventListener("click", function () { askNew(false); });
  confirmYes.addEventListener("click", startOver);
  confirmBox.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); askNew(false); }
  });

  // --- settings: larger text, reading level, read aloud ---------------------------------

  function toggle(button, on) {
    button.setAttribute("aria-pressed", on ? "true" : "false");
  }

  const largerText = document.getElementById("larger-text");
  function showLargeText(on) {
    document.documentElement.classList.toggle("large-text", on);
    toggle(largerText, on);
  }
  largerText.addEventListener("click", function () {
    const on = largerText.getAttribute("aria-pressed") !== "true";
    save(KEYS.largeText, on ? "1" : null);
    showLargeText(on);
  });
  showLargeText(load(KEYS.largeText) === "1");

  const levelButtons = Array.from(document.querySelectorAll("[data-level]"));
  function showLevel(level) {
    save(KEYS.level, level === "eenvoudig" ? "eenvoudig" : null);
    levelButtons.forEach(function (button) { toggle(button, button.dataset.level === level); });
  }
  levelButtons.forEach(function (button) {
    button.addEventListener("click", async function () {
      if (button.getAttribute("aria-pressed") === "true") { return; }
      const level = button.dataset.level;
      if (await send(level === "eenvoudig" ? "/simpler_language" : "/normal_language")) {
        showLevel(level);
      }
    });
  });
  showLevel(load(KEYS.level) === "eenvoudig" ? "eenvoudig" : "gewoon");

  const speech = window.speechSynthesis;
  const canSpeak = Boolean(speech && window.SpeechSynthesisUtterance);
  const readButton = document.getElementById("read-aloud");
  let reading = false;

  // A Flemish voice when the browser has one, otherwise any Dutch one.
  function dutchVoice() {
    const voices = (speech.getVoices && speech.getVoices()) || [];
    const lang = function (voice) { return String(voice.lang || "").replace("_", "-").toLowerCase(); };
    return voices.find(function (voice) { return lang(voice) === "nl-be"; })
      || voices.find(function (voice) { return lang(voice) === "nl" || lang(voice).startsWith("nl-"); })
      || null;
  }

  function readAloud(text) {
    if (!reading || !canSpeak) { return; }
    try {
      const utterance = new window.SpeechSynthesisUtterance(text);
      const voice = dutchVoice();
      if (voice) {
        utterance.voice = voice;
        utterance.lang = voice.lang;
      } else {
        utterance.lang = "nl";
      }
      speech.speak(utterance);
    } catch (error) { /* reading aloud never breaks the chat */ }
  }

  function showReading(on) {
    reading = on && canSpeak;
    toggle(readButton, reading);
    if (!reading && canSpeak) { speech.cancel(); }
  }
  if (canSpeak) {
    readButton.hidden = false;
    readButton.addEventListener("click", function () {
      const on = readButton.getAttribute("aria-pressed") !== "true";
      save(KEYS.readAloud, on ? "1" : null);
      showReading(on);
    });
    showReading(load(KEYS.readAloud) === "1");
  }

  // --- inside another site's dialog (static/embed.js opens /?embed=1) ------------------------

  // Escape pressed in the chat never reaches the site's page: ask it to close the dialog.
  if (new URLSearchParams(window.location.search).get("embed") === "1" && window.parent !== window) {
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !event.defaultPrevented) {
        window.parent.postMessage({ wegwijzer: "close" }, "*");
      }
    });
  }

  // --- start ---------------------------------------------------------------------------------

  async function start() {
    if (!currentId) {
      welcome();
      return;
    }
    let history;
    try {
      history = await fetchHistory();
    } catch (error) {
      connectionLost({ message: "/greet" });
      return;
    }
    if (!history.messages.length) {
      welcome();
      return;
    }
    showHistory(history.messages);
    setStatus(WORDS.restored);
    listen(history.cursor);
  }
  start();
})();
